import type { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";

/**
 * The transactional outbox. A side effect that must not be lost (a channel post, a message update,
 * an e-mail) is enqueued in the same transaction as the change that causes it; the outbox worker
 * (domain/outbox/outbox-worker.ts) carries it out and retries until it succeeds.
 */
export interface NewJob {
  /** Which handler runs it, e.g. "slack.post", "slack.update", "mail.send". */
  kind: string;
  /** Jobs of one lane are rate limited together, e.g. `slack:<channel>` or `mail`. */
  lane: string;
  payload: Prisma.InputJsonValue;
  /** At most one job per key: enqueueing the same key again does nothing. */
  dedupeKey?: string;
  runAt?: Date;
}

/** Enqueues a job; returns false when a job with the same dedupeKey already exists. */
export async function enqueueJob(db: Db, job: NewJob): Promise<boolean> {
  if (job.dedupeKey) {
    const inserted = await db.$executeRaw`
      INSERT INTO "OutboxJob" (kind, lane, "dedupeKey", payload, "runAt")
      VALUES (${job.kind}, ${job.lane}, ${job.dedupeKey}, ${JSON.stringify(job.payload)}::jsonb, ${job.runAt ?? new Date()})
      ON CONFLICT ("dedupeKey") DO NOTHING`;
    return inserted === 1;
  }
  await db.outboxJob.create({
    data: { kind: job.kind, lane: job.lane, payload: job.payload, runAt: job.runAt ?? new Date() },
    select: { id: true },
  });
  return true;
}

/** The lane of posts and updates in one Slack channel (Slack limits posting per channel). */
export const slackLane = (channel: string) => `slack:${channel}`;
