import type { PrismaClient } from "../db.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import { slackLane } from "../outbox/outbox-repository.ts";
import { findEntryForThread, recordEntryMail } from "./conversation-repository.ts";

/**
 * A permanent refusal of an answer's e-mail: recorded on its conversation entry and, in the same
 * transaction, a notice in the request's thread queued, so that the team knows it did not arrive.
 */
export async function recordAnswerMailFailed(prisma: PrismaClient, entryId: string, error: string) {
  await prisma.$transaction(async (tx) => {
    await recordEntryMail(tx, entryId, { status: "failed", error });
    const entry = await findEntryForThread(tx, entryId);
    if (!entry) return;
    await enqueue(
      tx,
      jobs.postConversation,
      { entryId, what: "mail_failed" },
      { lane: slackLane(entry.slackChannel ?? "unposted"), dedupeKey: `answer-mail-failed:${entryId}` },
    );
  });
}
