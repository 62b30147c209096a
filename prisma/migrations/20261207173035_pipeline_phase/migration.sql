-- CreateEnum
CREATE TYPE "RequestPhase" AS ENUM ('new', 'contacted', 'offer', 'won', 'lost');

-- AlterTable
ALTER TABLE "Inquiry" ADD COLUMN     "phase" "RequestPhase" NOT NULL DEFAULT 'new';

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "phase" "RequestPhase" NOT NULL DEFAULT 'new';
