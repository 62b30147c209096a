import type { Db } from "../db.ts";
import type { Phase } from "../pipeline/phase.ts";
import type { RequestKind } from "../requests/request-kind.ts";

/**
 * Follow-ups (Wiedervorlage), one table (FollowUp): at most one per request. Setting one replaces
 * the old row by a new one (delete + create, a new id), so that a claim of the old one by id can
 * never fire it. The worker claims a due one with a conditional update of `firedAt`.
 */

export interface StoredFollowUp {
  id: string;
  dueAt: Date;
  note: string | null;
  setBy: string;
  setAt: Date;
  firedAt: Date | null;
}

export const followUpSelect = {
  id: true,
  dueAt: true,
  note: true,
  setBy: true,
  setAt: true,
  firedAt: true,
} as const;

const requestColumn = (kind: RequestKind, id: string) =>
  kind === "inquiry" ? { inquiryId: id } : { invitationId: id };

/**
 * Replaces the request's follow-up (if any) by a new one; call it inside a transaction. Returns the
 * new one and the one it replaced.
 */
export async function setFollowUp(
  db: Db,
  input: {
    kind: RequestKind;
    requestId: string;
    dueAt: Date;
    note: string | null;
    setBy: string;
    now: Date;
  },
): Promise<{ followUp: StoredFollowUp; replaced: StoredFollowUp | null }> {
  const where = requestColumn(input.kind, input.requestId);
  const replaced = await db.followUp.findFirst({ where, select: followUpSelect });
  if (replaced) await db.followUp.deleteMany({ where: { id: replaced.id } });
  const followUp = await db.followUp.create({
    data: { ...where, dueAt: input.dueAt, note: input.note, setBy: input.setBy, setAt: input.now },
    select: followUpSelect,
  });
  return { followUp, replaced };
}

/** Deletes the request's follow-up; returns the deleted one (null: there was none). */
export async function deleteFollowUp(
  db: Db,
  input: { kind: RequestKind; requestId: string },
): Promise<StoredFollowUp | null> {
  const where = requestColumn(input.kind, input.requestId);
  const existing = await db.followUp.findFirst({ where, select: followUpSelect });
  if (!existing) return null;
  const { count } = await db.followUp.deleteMany({ where: { id: existing.id } });
  return count === 1 ? existing : null;
}

export async function findFollowUp(
  db: Db,
  kind: RequestKind,
  requestId: string,
): Promise<StoredFollowUp | null> {
  return db.followUp.findFirst({ where: requestColumn(kind, requestId), select: followUpSelect });
}

/** A follow-up for the App Home list "Meine Wiedervorlagen". */
export interface MemberFollowUp {
  kind: RequestKind;
  requestId: string;
  dueAt: Date;
  note: string | null;
  setBy: string;
  firedAt: Date | null;
  /** The request's holder (Übernehmen/Zuweisen), if any. */
  takenBy: string | null;
  name: string;
  company: string | null;
  phase: Phase;
  slackChannel: string | null;
  slackTs: string | null;
}

const CLOSED: Phase[] = ["won", "lost"];

/** Follow-ups on requests `userId` holds (takenBy) or set, left out: requests in Gewonnen or Verloren, erased ones. */
function memberFollowUps(userId: string) {
  const open = { phase: { notIn: CLOSED }, erasedAt: null };
  return {
    AND: [
      {
        OR: [
          { setBy: userId },
          { inquiry: { is: { takenBy: userId } } },
          { invitation: { is: { takenBy: userId } } },
        ],
      },
      { OR: [{ inquiry: { is: open } }, { invitation: { is: open } }] },
    ],
  };
}

/** How many follow-ups findFollowUpsForMember would list without a limit (Meine Wiedervorlagen's total). */
export async function countFollowUpsForMember(db: Db, userId: string): Promise<number> {
  return db.followUp.count({ where: memberFollowUps(userId) });
}

/**
 * The follow-ups on requests `userId` holds (takenBy) or set, soonest first (overdue ones come
 * first): requests in Gewonnen or Verloren and erased ones are left out.
 */
export async function findFollowUpsForMember(
  db: Db,
  userId: string,
  options: { limit: number },
): Promise<MemberFollowUp[]> {
  const requestSelect = {
    id: true,
    name: true,
    company: true,
    phase: true,
    takenBy: true,
    slackChannel: true,
    slackTs: true,
  } as const;
  const rows = await db.followUp.findMany({
    where: memberFollowUps(userId),
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: options.limit,
    select: {
      ...followUpSelect,
      inquiry: { select: requestSelect },
      invitation: { select: requestSelect },
    },
  });
  return rows.flatMap((r) => {
    const request = r.inquiry ?? r.invitation;
    if (!request) return [];
    return [
      {
        kind: r.inquiry ? ("inquiry" as const) : ("invitation" as const),
        requestId: request.id,
        dueAt: r.dueAt,
        note: r.note,
        setBy: r.setBy,
        firedAt: r.firedAt,
        takenBy: request.takenBy,
        name: request.name,
        company: request.company,
        phase: request.phase,
        slackChannel: request.slackChannel,
        slackTs: request.slackTs,
      },
    ];
  });
}

/** A due follow-up the worker may claim: id and where its request's message is (the outbox lane). */
export interface DueFollowUp {
  id: string;
  slackChannel: string | null;
}

/** Unfired follow-ups due at `now`, oldest first, at most `limit`. */
export async function listDueFollowUps(db: Db, now: Date, limit: number): Promise<DueFollowUp[]> {
  const rows = await db.followUp.findMany({
    where: { firedAt: null, dueAt: { lte: now } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      inquiry: { select: { slackChannel: true } },
      invitation: { select: { slackChannel: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    slackChannel: r.inquiry?.slackChannel ?? r.invitation?.slackChannel ?? null,
  }));
}

/** Sets `firedAt` while it is null and the follow-up due; false when another instance came first (or it was replaced). */
export async function claimFollowUp(db: Db, id: string, now: Date): Promise<boolean> {
  const { count } = await db.followUp.updateMany({
    where: { id, firedAt: null, dueAt: { lte: now } },
    data: { firedAt: now },
  });
  return count === 1;
}

/** A fired follow-up with what its thread post needs (null: replaced, deleted or erased since). */
export async function findFollowUpForThread(db: Db, id: string) {
  const requestSelect = {
    id: true,
    takenBy: true,
    slackChannel: true,
    slackTs: true,
    erasedAt: true,
  } as const;
  const row = await db.followUp.findUnique({
    where: { id },
    select: { ...followUpSelect, inquiry: { select: requestSelect }, invitation: { select: requestSelect } },
  });
  if (!row) return null;
  const { inquiry, invitation, ...followUp } = row;
  const request = inquiry ?? invitation;
  if (!request || request.erasedAt) return null;
  return {
    ...followUp,
    request: { kind: inquiry ? ("inquiry" as const) : ("invitation" as const), id: request.id },
    takenBy: request.takenBy,
    slackChannel: request.slackChannel,
    slackTs: request.slackTs,
  };
}
