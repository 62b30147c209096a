import type { Db } from "../db.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import { slackLane } from "../outbox/outbox-repository.ts";
import type { RequestKind } from "./request-kind.ts";

/**
 * Queues the refresh of a request's channel message (`jobs.refreshMessage`, run by
 * bot/outbox/request-jobs.ts), in the caller's transaction. Decisions, triage, privacy and the
 * erasure all change what the message shows.
 */
export async function enqueueRefreshMessage(db: Db, kind: RequestKind, id: string, channel: string | null) {
  await enqueue(db, jobs.refreshMessage, { kind, id }, { lane: slackLane(channel ?? "unposted") });
}
