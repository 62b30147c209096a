-- AlterTable
ALTER TABLE "OutboxJob" ADD COLUMN     "orderKeys" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "OutboxJob_orderKeys_idx" ON "OutboxJob" USING GIN ("orderKeys");
