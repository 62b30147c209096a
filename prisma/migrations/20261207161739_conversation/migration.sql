-- CreateEnum
CREATE TYPE "ConversationDirection" AS ENUM ('outbound', 'inbound');

-- AlterTable
ALTER TABLE "Inquiry" ADD COLUMN     "answeredAt" TIMESTAMPTZ(3),
ADD COLUMN     "answeredBy" TEXT,
ADD COLUMN     "firstAnsweredAt" TIMESTAMPTZ(3),
ADD COLUMN     "repliedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "answeredAt" TIMESTAMPTZ(3),
ADD COLUMN     "answeredBy" TEXT,
ADD COLUMN     "firstAnsweredAt" TIMESTAMPTZ(3),
ADD COLUMN     "repliedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ConversationEntry" (
    "id" UUID NOT NULL,
    "inquiryId" UUID,
    "invitationId" UUID,
    "direction" "ConversationDirection" NOT NULL,
    "author" TEXT,
    "address" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attachments" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "messageId" TEXT NOT NULL,
    "mailStatus" "MailStatus",
    "mailError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnswerTemplate" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AnswerTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConversationEntry_messageId_key" ON "ConversationEntry"("messageId");

-- CreateIndex
CREATE INDEX "ConversationEntry_inquiryId_createdAt_idx" ON "ConversationEntry"("inquiryId", "createdAt");

-- CreateIndex
CREATE INDEX "ConversationEntry_invitationId_createdAt_idx" ON "ConversationEntry"("invitationId", "createdAt");

-- CreateIndex
CREATE INDEX "ConversationEntry_address_createdAt_idx" ON "ConversationEntry"("address", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AnswerTemplate_name_key" ON "AnswerTemplate"("name");

-- AddForeignKey
ALTER TABLE "ConversationEntry" ADD CONSTRAINT "ConversationEntry_inquiryId_fkey" FOREIGN KEY ("inquiryId") REFERENCES "Inquiry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationEntry" ADD CONSTRAINT "ConversationEntry_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The answer templates a fresh installation starts with (formal German; the team can change or delete them).
INSERT INTO "AnswerTemplate" ("id", "name", "subject", "text", "updatedAt") VALUES
('6f1d2a3e-8c1b-4f7a-9d2e-0a1b2c3d4e01', 'Erstantwort', 'Ihre Anfrage',
E'Guten Tag {name},\n\nvielen Dank für Ihre Anfrage und Ihr Interesse an unserer Arbeit. Wir haben Ihr Anliegen erhalten und melden uns in Kürze mit einem Vorschlag für das weitere Vorgehen bei Ihnen.\n\nWenn Sie möchten, nennen Sie uns gern zwei oder drei Termine, zu denen wir Sie telefonisch erreichen können.\n\nMit freundlichen Grüßen\n{mitglied}\n{agentur}',
CURRENT_TIMESTAMP),
('6f1d2a3e-8c1b-4f7a-9d2e-0a1b2c3d4e02', 'Rückfrage', 'Rückfrage zu Ihrer Anfrage',
E'Guten Tag {name},\n\nvielen Dank für Ihre Anfrage. Damit wir Ihnen ein passendes Angebot machen können, benötigen wir noch einige Angaben von Ihnen:\n\n- Welche Ziele verfolgen Sie mit dem Projekt?\n- Bis wann soll es umgesetzt sein?\n- Welchen Budgetrahmen haben Sie vorgesehen?\n\nAntworten Sie einfach auf diese E-Mail. Wir melden uns dann umgehend bei Ihnen.\n\nMit freundlichen Grüßen\n{mitglied}\n{agentur}',
CURRENT_TIMESTAMP);
