-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "erasedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Inquiry" ADD COLUMN     "erasedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "erasedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Invitation_status_decidedAt_idx" ON "Invitation"("status", "decidedAt");
