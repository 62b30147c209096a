import type { Db, PrismaClient } from "../db.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import { slackLane } from "../outbox/outbox-repository.ts";

export async function recordDeclineMailSent(db: Db, invitationId: string): Promise<void> {
  await db.invitation.update({
    where: { id: invitationId },
    data: { declineMailStatus: "sent", declineMailError: null },
    select: { id: true },
  });
}

/**
 * A permanent refusal of the decline e-mail: recorded on the invitation (the App Home lists these)
 * and, in the same transaction, a notice to the team queued, so that it is never dropped silently.
 */
export async function recordDeclineMailFailed(prisma: PrismaClient, invitationId: string, error: string) {
  await prisma.$transaction(async (tx) => {
    const inv = await tx.invitation.update({
      where: { id: invitationId },
      data: { declineMailStatus: "failed", declineMailError: error.slice(0, 1000) },
      select: { slackChannel: true },
    });
    await enqueue(
      tx,
      jobs.mailFailedNotice,
      { id: invitationId },
      { lane: slackLane(inv.slackChannel ?? "unposted"), dedupeKey: `decline-mail-failed:${invitationId}` },
    );
  });
}

/** What the team is told about a refused decline e-mail. */
export async function findDeclineMailFailure(db: Db, invitationId: string) {
  return db.invitation.findUnique({
    where: { id: invitationId },
    select: { name: true, email: true, declineMailError: true, slackChannel: true, slackTs: true },
  });
}

/** Invitations whose decline e-mail was refused for good, newest first (shown on the App Home). */
export async function listDeclineMailFailures(db: Db, limit = 10) {
  return db.invitation.findMany({
    where: { declineMailStatus: "failed" },
    orderBy: { decidedAt: "desc" },
    take: limit,
    select: { id: true, name: true, email: true, declineMailError: true, decidedAt: true },
  });
}

/** How many decline e-mails were refused for good (the App Home says how many more than it lists). */
export async function countDeclineMailFailures(db: Db): Promise<number> {
  return db.invitation.count({ where: { declineMailStatus: "failed" } });
}
