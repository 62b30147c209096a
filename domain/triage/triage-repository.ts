import type { Db } from "../db.ts";
import type { RequestKind } from "../requests/request-kind.ts";

/**
 * Who holds a request (Übernehmen / Abgeben). Every change is one conditional UPDATE, so the first
 * click wins in the database, across instances, as decisions do (ADR 004).
 */

export interface Holder {
  by: string;
  at: Date;
}

/**
 * One conditional update on the request's row: `where` holds the condition (undecided, not erased,
 * and who may hold it now), `data` the new holder; true when this call changed the row.
 */
async function updateHolder(
  db: Db,
  kind: RequestKind,
  id: string,
  currentHolder: string | null,
  data: { takenBy: string | null; takenAt: Date | null },
): Promise<boolean> {
  const { count } =
    kind === "inquiry"
      ? await db.inquiry.updateMany({
          where: { id, status: "open", erasedAt: null, takenBy: currentHolder },
          data,
        })
      : await db.invitation.updateMany({
          where: { id, status: "pending", erasedAt: null, takenBy: currentHolder },
          data,
        });
  return count === 1;
}

/** Takes the request for `actor` while it is undecided and nobody holds it; true when this call won. */
export const claimTake = (db: Db, kind: RequestKind, id: string, actor: string, at: Date) =>
  updateHolder(db, kind, id, null, { takenBy: actor, takenAt: at });

/** Releases the request, but only for its holder; true when `actor` held it. */
export const claimRelease = (db: Db, kind: RequestKind, id: string, actor: string) =>
  updateHolder(db, kind, id, actor, { takenBy: null, takenAt: null });

/**
 * Zuweisen: hands the request to `member` while it is undecided and still held by `currentHolder`
 * (null: nobody), as Übernehmen would; true when this call changed it.
 */
export const claimAssign = (
  db: Db,
  kind: RequestKind,
  id: string,
  currentHolder: string | null,
  member: string,
  at: Date,
) => updateHolder(db, kind, id, currentHolder, { takenBy: member, takenAt: at });

/** The holder recorded on a request, when someone holds it. */
export function holderOf(r: { takenBy: string | null; takenAt: Date | null }): Holder | undefined {
  return r.takenBy && r.takenAt ? { by: r.takenBy, at: r.takenAt } : undefined;
}
