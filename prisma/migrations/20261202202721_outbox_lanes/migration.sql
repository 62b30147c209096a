-- CreateTable
CREATE TABLE "OutboxLane" (
    "lane" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilledAt" TIMESTAMPTZ(3) NOT NULL,
    "pausedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxLane_pkey" PRIMARY KEY ("lane")
);
