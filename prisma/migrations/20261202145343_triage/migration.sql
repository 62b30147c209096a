-- AlterTable
ALTER TABLE "Inquiry" ADD COLUMN     "remindedAt" TIMESTAMPTZ(3),
ADD COLUMN     "takenAt" TIMESTAMPTZ(3),
ADD COLUMN     "takenBy" TEXT;

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "remindedAt" TIMESTAMPTZ(3),
ADD COLUMN     "takenAt" TIMESTAMPTZ(3),
ADD COLUMN     "takenBy" TEXT;

-- CreateTable
CREATE TABLE "RequestNote" (
    "id" UUID NOT NULL,
    "inquiryId" UUID,
    "invitationId" UUID,
    "author" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestNote_inquiryId_createdAt_idx" ON "RequestNote"("inquiryId", "createdAt");

-- CreateIndex
CREATE INDEX "RequestNote_invitationId_createdAt_idx" ON "RequestNote"("invitationId", "createdAt");

-- CreateIndex
CREATE INDEX "Inquiry_takenBy_status_idx" ON "Inquiry"("takenBy", "status");

-- CreateIndex
CREATE INDEX "Invitation_takenBy_status_idx" ON "Invitation"("takenBy", "status");

-- AddForeignKey
ALTER TABLE "RequestNote" ADD CONSTRAINT "RequestNote_inquiryId_fkey" FOREIGN KEY ("inquiryId") REFERENCES "Inquiry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestNote" ADD CONSTRAINT "RequestNote_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (Prisma does not track check constraints): a note belongs to exactly one request.
ALTER TABLE "RequestNote" ADD CONSTRAINT "RequestNote_one_request" CHECK (num_nonnulls("inquiryId", "invitationId") = 1);
