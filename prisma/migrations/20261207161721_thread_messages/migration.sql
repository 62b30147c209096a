-- CreateTable
CREATE TABLE "RequestThreadMessage" (
    "id" UUID NOT NULL,
    "inquiryId" UUID,
    "invitationId" UUID,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "erasedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestThreadMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestThreadMessage_inquiryId_idx" ON "RequestThreadMessage"("inquiryId");

-- CreateIndex
CREATE INDEX "RequestThreadMessage_invitationId_idx" ON "RequestThreadMessage"("invitationId");

-- CreateIndex
CREATE UNIQUE INDEX "RequestThreadMessage_channel_ts_key" ON "RequestThreadMessage"("channel", "ts");

-- AddForeignKey
ALTER TABLE "RequestThreadMessage" ADD CONSTRAINT "RequestThreadMessage_inquiryId_fkey" FOREIGN KEY ("inquiryId") REFERENCES "Inquiry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestThreadMessage" ADD CONSTRAINT "RequestThreadMessage_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
