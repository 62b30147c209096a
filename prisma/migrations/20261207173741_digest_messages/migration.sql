-- CreateTable
CREATE TABLE "DigestMessage" (
    "id" UUID NOT NULL,
    "requestIds" UUID[],
    "facts" JSONB NOT NULL,
    "channel" TEXT,
    "ts" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DigestMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DigestMessage_requestIds_idx" ON "DigestMessage" USING GIN ("requestIds");
