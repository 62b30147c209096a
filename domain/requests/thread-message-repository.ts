import type { Db } from "../db.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import { slackLane } from "../outbox/outbox-repository.ts";
import type { RequestKind } from "./request-kind.ts";

/**
 * Every reply the bot posts in a request's thread (a note, a reminder, an answer to the prospect, a
 * reply of theirs, a follow-up, …) is recorded here with its channel and ts, by the outbox job that
 * posted it (bot/outbox/thread-posts.ts, `postInRequestThread`). The erasure of the request's person
 * overwrites each recorded reply with "Personenbezogene Daten gelöscht" (`jobs.eraseThreadMessage`),
 * so no reply about an erased person stays readable in Slack. A new kind of thread reply only has to
 * post through `postInRequestThread` with its kind's name: recording and erasure come with it.
 */

export type ThreadMessageKind = "note" | "reminder" | "mail_failed" | "answer" | "reply" | "follow_up";

export interface RequestRef {
  kind: RequestKind;
  id: string;
}

const requestColumn = (r: RequestRef) =>
  r.kind === "inquiry" ? { inquiryId: r.id } : { invitationId: r.id };

/**
 * Records a reply just posted, and when its request was erased meanwhile (the erasure did not see
 * it yet), queues its overwrite at once. Both sides claim the overwrite with a conditional update,
 * so it is queued once, whoever comes last.
 */
export async function recordThreadMessage(
  db: Db,
  input: { request: RequestRef; kind: ThreadMessageKind; channel: string; ts: string; at: Date },
): Promise<void> {
  await db.requestThreadMessage.upsert({
    where: { channel_ts: { channel: input.channel, ts: input.ts } },
    create: {
      ...requestColumn(input.request),
      kind: input.kind,
      channel: input.channel,
      ts: input.ts,
      createdAt: input.at,
    },
    update: {},
    select: { id: true },
  });
  const where = { id: input.request.id, erasedAt: { not: null } };
  const erased =
    input.request.kind === "inquiry"
      ? await db.inquiry.count({ where })
      : await db.invitation.count({ where });
  if (erased > 0) await eraseThreadMessages(db, [input.request], input.at);
}

/** The recorded replies of these requests that are not overwritten yet (the Auskunft lists them). */
export async function findThreadMessages(db: Db, requests: { inquiries: string[]; invitations: string[] }) {
  if (requests.inquiries.length + requests.invitations.length === 0) return [];
  return db.requestThreadMessage.findMany({
    where: {
      erasedAt: null,
      OR: [{ inquiryId: { in: requests.inquiries } }, { invitationId: { in: requests.invitations } }],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      inquiryId: true,
      invitationId: true,
      kind: true,
      channel: true,
      ts: true,
      createdAt: true,
    },
  });
}

/**
 * Claims every recorded reply of these requests that is not overwritten yet, and queues its
 * overwrite (`jobs.eraseThreadMessage`). Called by the erasure (in its transaction, and once more
 * after its commit) and by `recordThreadMessage` for a reply posted while the erasure ran.
 */
export async function eraseThreadMessages(db: Db, requests: RequestRef[], now: Date): Promise<number> {
  const inquiries = requests.filter((r) => r.kind === "inquiry").map((r) => r.id);
  const invitations = requests.filter((r) => r.kind === "invitation").map((r) => r.id);
  const open = await findThreadMessages(db, { inquiries, invitations });
  let queued = 0;
  for (const m of open) {
    const claimed = await db.requestThreadMessage.updateMany({
      where: { id: m.id, erasedAt: null },
      data: { erasedAt: now },
    });
    if (claimed.count === 0) continue;
    await enqueue(
      db,
      jobs.eraseThreadMessage,
      { channel: m.channel, ts: m.ts },
      { lane: slackLane(m.channel) },
    );
    queued += 1;
  }
  return queued;
}
