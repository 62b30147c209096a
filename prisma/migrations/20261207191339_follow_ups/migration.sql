-- CreateTable
CREATE TABLE "FollowUp" (
    "id" UUID NOT NULL,
    "inquiryId" UUID,
    "invitationId" UUID,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,
    "setBy" TEXT NOT NULL,
    "setAt" TIMESTAMPTZ(3) NOT NULL,
    "firedAt" TIMESTAMPTZ(3),

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_inquiryId_key" ON "FollowUp"("inquiryId");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_invitationId_key" ON "FollowUp"("invitationId");

-- CreateIndex
CREATE INDEX "FollowUp_firedAt_dueAt_idx" ON "FollowUp"("firedAt", "dueAt");

-- CreateIndex
CREATE INDEX "FollowUp_setBy_idx" ON "FollowUp"("setBy");

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_inquiryId_fkey" FOREIGN KEY ("inquiryId") REFERENCES "Inquiry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
