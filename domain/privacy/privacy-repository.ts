import type { Db } from "../db.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import type { FoundIds } from "./places-repository.ts";

/** The queries of the erasure and the retention job beyond the places themselves (./places.ts). */

/** Of the found requests, those posted to the channel: their id and channel. */
export async function findPostedRequests(db: Db, found: FoundIds) {
  const where = { slackTs: { not: null } } as const;
  const select = { id: true, slackChannel: true } as const;
  const [inquiries, invitations] = await Promise.all([
    db.inquiry.findMany({ where: { id: { in: found.inquiries }, ...where }, select }),
    db.invitation.findMany({ where: { id: { in: found.invitations }, ...where }, select }),
  ]);
  return { inquiries, invitations };
}

/** Declined invitations whose personal data is due for erasure: declined before `cutoff`, not erased yet. */
export async function findDueErasures(db: Db, cutoff: Date, limit = 500) {
  return db.invitation.findMany({
    where: { status: "declined", erasedAt: null, decidedAt: { lt: cutoff } },
    orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, email: true },
  });
}

export async function countDueErasures(db: Db, cutoff: Date): Promise<number> {
  return db.invitation.count({ where: { status: "declined", erasedAt: null, decidedAt: { lt: cutoff } } });
}

/** Whether the request's personal data was erased. */
export async function isRequestErased(db: Db, kind: RequestKind, id: string): Promise<boolean> {
  const where = { id, erasedAt: { not: null } };
  const erased =
    kind === "inquiry" ? await db.inquiry.count({ where }) : await db.invitation.count({ where });
  return erased > 0;
}
