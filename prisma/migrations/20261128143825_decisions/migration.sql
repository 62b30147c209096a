-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('queued', 'sent', 'failed');

-- AlterTable
ALTER TABLE "Inquiry" ADD COLUMN     "newCustomer" BOOLEAN;

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "declineMailError" TEXT,
ADD COLUMN     "declineMailStatus" "MailStatus",
ADD COLUMN     "newCustomer" BOOLEAN;
