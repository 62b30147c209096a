import type { Db } from "../db.ts";

/**
 * The shared posting rate of outbox lanes (ADR 010): a token bucket per lane in the database, so
 * that every instance draws from the same one, on the database's clock.
 */

export interface LaneRate {
  intervalMs: number;
  burst: number;
}

/** Creates the lane's bucket (full) unless it exists. */
export async function ensureLane(db: Db, lane: string, rate: LaneRate): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "OutboxLane" (lane, tokens, "refilledAt") VALUES (${lane}, ${rate.burst}, now())
    ON CONFLICT (lane) DO NOTHING`;
}

/**
 * Takes one token: 0 when taken, else the milliseconds until one is there (or the pause ends).
 * One conditional update takes it; only a refusal reads the row to say how long to wait.
 */
export async function takeLaneToken(db: Db, lane: string, rate: LaneRate): Promise<number> {
  const taken = await db.$executeRaw`
    UPDATE "OutboxLane"
    SET tokens = LEAST(${rate.burst}::float8,
                       tokens + EXTRACT(EPOCH FROM (now() - "refilledAt")) * 1000 / ${rate.intervalMs}::float8) - 1,
        "refilledAt" = now()
    WHERE lane = ${lane}
      AND ("pausedUntil" IS NULL OR "pausedUntil" <= now())
      AND LEAST(${rate.burst}::float8,
                tokens + EXTRACT(EPOCH FROM (now() - "refilledAt")) * 1000 / ${rate.intervalMs}::float8) >= 1`;
  if (taken > 0) return 0;
  const rows = await db.$queryRaw<{ wait: number | null }[]>`
    SELECT GREATEST(
             COALESCE(EXTRACT(EPOCH FROM ("pausedUntil" - now())) * 1000, 0),
             (1 - LEAST(${rate.burst}::float8,
                        tokens + EXTRACT(EPOCH FROM (now() - "refilledAt")) * 1000 / ${rate.intervalMs}::float8))
               * ${rate.intervalMs}::float8
           )::float8 AS wait
    FROM "OutboxLane" WHERE lane = ${lane}`;
  const wait = rows[0]?.wait;
  if (wait === undefined) {
    await ensureLane(db, lane, rate);
    return 1;
  }
  return Math.max(1, Math.ceil(Number(wait)));
}

/**
 * Gives a token back that was taken for a job that was not there. Not while the lane is paused:
 * the pause left exactly one token for the moment it ends, and one more would be a burst then.
 */
export async function returnLaneToken(db: Db, lane: string, rate: LaneRate): Promise<void> {
  await db.$executeRaw`
    UPDATE "OutboxLane" SET tokens = LEAST(${rate.burst}::float8, tokens + 1)
    WHERE lane = ${lane} AND ("pausedUntil" IS NULL OR "pausedUntil" <= now())`;
}

/**
 * Slack asked to wait (429): every instance pauses the lane until then; right after the pause one
 * job may go, then the lane's rate applies again (no burst).
 */
export async function pauseLane(db: Db, lane: string, ms: number): Promise<void> {
  await db.$executeRaw`
    UPDATE "OutboxLane"
    SET "pausedUntil" = GREATEST(COALESCE("pausedUntil", now()), now() + ${ms}::float8 * interval '1 millisecond'),
        tokens = 1,
        "refilledAt" = GREATEST(COALESCE("pausedUntil", now()), now() + ${ms}::float8 * interval '1 millisecond')
    WHERE lane = ${lane}`;
}
