import { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";

/**
 * The transactional outbox. A side effect that must not be lost (a channel post, a message update,
 * an e-mail) is enqueued in the same transaction as the change that causes it; the outbox worker
 * (domain/outbox/outbox-worker.ts) carries it out and retries until it succeeds.
 */
export interface NewJob {
  /** Which handler runs it: one of the kinds in domain/outbox/jobs.ts. */
  kind: string;
  /** Jobs of one lane are rate limited together, e.g. `slack:<channel>` or `mail`. */
  lane: string;
  payload: Prisma.InputJsonValue;
  /** At most one job per key: enqueueing the same key again does nothing. */
  dedupeKey?: string;
  runAt?: Date;
  /**
   * The records whose order this job keeps (e.g. `request:<id>`): it waits while an older job that
   * shares one of them is pending (webhooks arrive in order per record, across instances; ADR 016).
   */
  orderKeys?: string[];
}

/** Enqueues a job; returns false when a job with the same dedupeKey already exists. */
export async function enqueueJob(db: Db, job: NewJob): Promise<boolean> {
  if (job.dedupeKey) {
    const inserted = await db.$executeRaw`
      INSERT INTO "OutboxJob" (kind, lane, "dedupeKey", payload, "runAt", "orderKeys")
      VALUES (${job.kind}, ${job.lane}, ${job.dedupeKey}, ${JSON.stringify(job.payload)}::jsonb, ${job.runAt ?? new Date()},
              ${job.orderKeys ?? []}::text[])
      ON CONFLICT ("dedupeKey") DO NOTHING`;
    return inserted === 1;
  }
  await db.outboxJob.create({
    data: {
      kind: job.kind,
      lane: job.lane,
      payload: job.payload,
      runAt: job.runAt ?? new Date(),
      orderKeys: job.orderKeys ?? [],
    },
    select: { id: true },
  });
  return true;
}

/**
 * The statement that enqueues `job` once per row of the CTE `source` (for a CTE of a larger
 * statement: a row and its job written in one statement). A job whose dedupeKey exists already is
 * left out, as in enqueueJob; a job without one never conflicts (NULLs are distinct).
 */
export function enqueueJobFromSql(job: NewJob, source: "ins"): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "OutboxJob" (kind, lane, "dedupeKey", payload, "runAt", "orderKeys")
    SELECT ${job.kind}::text, ${job.lane}::text, ${job.dedupeKey ?? null}::text,
           ${JSON.stringify(job.payload)}::jsonb, ${job.runAt ?? new Date()}::timestamptz,
           ${job.orderKeys ?? []}::text[]
    FROM ${Prisma.raw(source)}
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}

/** The lane of posts and updates in one Slack channel (Slack limits posting per channel). */
export const slackLane = (channel: string) => `slack:${channel}`;

/** A job as the worker sees it after claiming it. */
export interface ClaimedJob {
  id: bigint;
  kind: string;
  lane: string;
  payload: unknown;
  /** Attempts so far, this one included. */
  attempts: number;
  /** It keeps the order of records (orderKeys): its end may let a waiting job of the lane go. */
  ordered?: boolean;
}

/**
 * Lanes that have due, unlocked jobs of the given kinds. Kinds without a handler are left out, so an
 * unknown kind stays pending instead of being claimed over and over.
 */
export async function dueLanes(db: Db, kinds: string[], now: Date): Promise<string[]> {
  if (kinds.length === 0) return [];
  const rows = await db.$queryRaw<{ lane: string }[]>`
    SELECT DISTINCT lane FROM "OutboxJob"
    WHERE status = 'pending' AND "runAt" <= ${now}
      AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
      AND kind = ANY(${kinds}::text[])`;
  return rows.map((r) => r.lane);
}

/**
 * Claims the oldest due job of one lane for `leaseMs` (oldest by creation, so that a job that had
 * to wait still goes before later ones: channel posts keep their order). A job with orderKeys is
 * skipped while an older pending job (waiting, or in flight on any instance) shares one of them. `FOR UPDATE SKIP LOCKED` lets several
 * instances claim at once without waiting for or getting the same row; the lease (lockedUntil)
 * keeps others away while it runs, and hands the job to someone else if this process dies.
 */
export async function claimNextJob(
  db: Db,
  lane: string,
  kinds: string[],
  now: Date,
  leaseMs: number,
): Promise<ClaimedJob | undefined> {
  // The records' heads: per order key the oldest pending job of this lane; a job that is not the
  // head of each of its keys waits. Worked out once per claim (one window over the lane's pending
  // jobs), so that its cost grows with the backlog and not with its square, whatever the planner
  // knows of the table (a correlated NOT EXISTS took 430 ms for 1,000 jobs without statistics).
  // Built only when a candidate has order keys (Slack and mail lanes never pay for it).
  const rows = await db.$queryRaw<ClaimedJob[]>`
    WITH blocked AS MATERIALIZED (
      SELECT DISTINCT p.id FROM (
        SELECT e.id, min(e.id) OVER (PARTITION BY u.key) AS head
        FROM "OutboxJob" e CROSS JOIN LATERAL unnest(e."orderKeys") AS u(key)
        WHERE e.lane = ${lane} AND e.status = 'pending') p
      WHERE p.head <> p.id
    )
    UPDATE "OutboxJob" SET "lockedUntil" = ${new Date(now.getTime() + leaseMs)}, attempts = attempts + 1
    WHERE id = (
      SELECT id FROM "OutboxJob" j
      WHERE lane = ${lane} AND status = 'pending' AND "runAt" <= ${now}
        AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
        AND kind = ANY(${kinds}::text[])
        AND (COALESCE(cardinality(j."orderKeys"), 0) = 0 OR j.id NOT IN (SELECT id FROM blocked))
      ORDER BY id
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, lane, payload, attempts, COALESCE(cardinality("orderKeys"), 0) > 0 AS ordered`;
  return rows[0];
}

/**
 * The job is done. Its row stays for a week (the dedupeKey must keep deduplicating), but its
 * payload goes: rendered messages and e-mail texts hold personal data. Only the ids of what the
 * job was about stay (which request, which invitation, which channel).
 */
export async function completeJob(db: Db, id: bigint, now: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "OutboxJob"
    SET status = 'done', "doneAt" = ${now}, "lockedUntil" = NULL, "lastError" = NULL,
        payload = jsonb_strip_nulls(jsonb_build_object(
          'link', payload->'link', 'kind', payload->'kind', 'id', payload->'id',
          'invitationId', payload->'invitationId', 'channel', payload->'channel'))
    WHERE id = ${id}`;
}

/** Forgets done jobs older than `before` (KEEP_DONE_JOBS_MS); returns how many. */
export async function deleteDoneJobsBefore(db: Db, before: Date): Promise<number> {
  return db.$executeRaw`DELETE FROM "OutboxJob" WHERE status = 'done' AND "doneAt" < ${before}`;
}

/**
 * Puts the job back to run at `runAt`. `countAttempt: false` for waits that are no failure of the
 * job (a rate limit), so that they do not lengthen its backoff.
 */
export async function rescheduleJob(
  db: Db,
  id: bigint,
  runAt: Date,
  error: string,
  countAttempt = true,
): Promise<void> {
  await db.outboxJob.update({
    where: { id },
    data: {
      runAt,
      lockedUntil: null,
      lastError: error.slice(0, 2000),
      ...(countAttempt ? {} : { attempts: { decrement: 1 } }),
    },
    select: { id: true },
  });
}

/** A permanent failure: the job is kept with its error for a person to look at, and not retried. */
export async function failJob(db: Db, id: bigint, error: string, now: Date): Promise<void> {
  await db.outboxJob.update({
    where: { id },
    data: { status: "failed", doneAt: now, lockedUntil: null, lastError: error.slice(0, 2000) },
    select: { id: true },
  });
}

/** Releases the leases of every job (PGlite at start: one process only, so every lease is a leftover of a crash). */
export async function releaseAllLeases(db: Db): Promise<number> {
  return db.$executeRaw`UPDATE "OutboxJob" SET "lockedUntil" = NULL WHERE status = 'pending' AND "lockedUntil" IS NOT NULL`;
}

/** Pending jobs of kinds nobody handles, counted per kind (for a warning). */
export async function pendingKindsExcept(
  db: Db,
  kinds: string[],
): Promise<{ kind: string; count: number }[]> {
  const rows = await db.$queryRaw<{ kind: string; count: bigint }[]>`
    SELECT kind, count(*) AS count FROM "OutboxJob"
    WHERE status = 'pending' AND NOT (kind = ANY(${kinds}::text[]))
    GROUP BY kind`;
  return rows.map((r) => ({ kind: r.kind, count: Number(r.count) }));
}

/**
 * Makes jobs that are waiting for a retry due now (at start: the configuration may just have been
 * fixed). Jobs scheduled for later on purpose have no lastError and keep their time.
 */
export async function retryWaitingJobsNow(db: Db, now: Date): Promise<number> {
  return db.$executeRaw`
    UPDATE "OutboxJob" SET "runAt" = ${now}
    WHERE status = 'pending' AND "runAt" > ${now} AND "lastError" IS NOT NULL`;
}
