import type { Db } from "../db.ts";
import type { RequestKind } from "../requests/request-kind.ts";

/** The queries of the reminders: which undecided requests are due, and the claim of one. */

export type DueReminder = { kind: RequestKind; id: string; slackChannel: string | null };

/** Undecided requests received before `receivedBefore` and not reminded yet, oldest first, at most `limit` of each kind. */
export async function listDueReminders(db: Db, receivedBefore: Date, limit: number): Promise<DueReminder[]> {
  const where = { remindedAt: null, receivedAt: { lte: receivedBefore } };
  const select = { id: true, slackChannel: true } as const;
  const order = [{ receivedAt: "asc" as const }, { id: "asc" as const }];
  const [inquiries, invitations] = await Promise.all([
    db.inquiry.findMany({ where: { ...where, status: "open" }, select, orderBy: order, take: limit }),
    db.invitation.findMany({ where: { ...where, status: "pending" }, select, orderBy: order, take: limit }),
  ]);
  return [
    ...inquiries.map((r) => ({ kind: "inquiry" as const, ...r })),
    ...invitations.map((r) => ({ kind: "invitation" as const, ...r })),
  ];
}

/** Sets `remindedAt` while it is null and the request undecided; false when another claim or a decision came first. */
export async function claimReminder(db: Db, r: DueReminder, now: Date): Promise<boolean> {
  const data = { remindedAt: now };
  const { count } =
    r.kind === "inquiry"
      ? await db.inquiry.updateMany({ where: { id: r.id, status: "open", remindedAt: null }, data })
      : await db.invitation.updateMany({
          where: { id: r.id, status: "pending", remindedAt: null },
          data,
        });
  return count === 1;
}
