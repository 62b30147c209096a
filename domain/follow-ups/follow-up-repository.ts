import { Prisma } from "../../prisma/generated/client.ts";
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

/**
 * The ids of the follow-ups on requests `userId` holds (takenBy) or set, as a UNION of three
 * index lookups (FollowUp.setBy; Inquiry/Invitation by takenBy, then FollowUp by its unique request
 * column), joined back to their request, without Gewonnen, Verloren and erased requests. Written
 * in SQL because Prisma's relation filters join both request tables twice over every follow-up:
 * four scans of the request tables per App Home (see bench/home.ts).
 */
function memberFollowUpsSql(userId: string, tail: Prisma.Sql) {
  return Prisma.sql`
    WITH mine AS (
      SELECT f.id FROM "FollowUp" f WHERE f."setBy" = ${userId}
      UNION
      SELECT f.id FROM "Inquiry" r JOIN "FollowUp" f ON f."inquiryId" = r.id WHERE r."takenBy" = ${userId}
      UNION
      SELECT f.id FROM "Invitation" r JOIN "FollowUp" f ON f."invitationId" = r.id WHERE r."takenBy" = ${userId}
    )
    SELECT f.id, f."dueAt", f.note, f."setBy", f."firedAt",
           CASE WHEN i.id IS NOT NULL THEN 'inquiry' ELSE 'invitation' END AS kind,
           COALESCE(i.id, v.id)::text AS "requestId",
           COALESCE(i.name, v.name) AS name,
           CASE WHEN i.id IS NOT NULL THEN i.company ELSE v.company END AS company,
           COALESCE(i.phase, v.phase)::text AS phase,
           CASE WHEN i.id IS NOT NULL THEN i."takenBy" ELSE v."takenBy" END AS "takenBy",
           CASE WHEN i.id IS NOT NULL THEN i."slackChannel" ELSE v."slackChannel" END AS "slackChannel",
           CASE WHEN i.id IS NOT NULL THEN i."slackTs" ELSE v."slackTs" END AS "slackTs"
    FROM mine
    JOIN "FollowUp" f ON f.id = mine.id
    LEFT JOIN "Inquiry" i ON i.id = f."inquiryId"
    LEFT JOIN "Invitation" v ON v.id = f."invitationId"
    WHERE (i.id IS NOT NULL AND i."erasedAt" IS NULL AND i.phase::text NOT IN (${Prisma.join(CLOSED)}))
       OR (v.id IS NOT NULL AND v."erasedAt" IS NULL AND v.phase::text NOT IN (${Prisma.join(CLOSED)}))
    ${tail}`;
}

/** How many follow-ups findFollowUpsForMember would list without a limit (Meine Wiedervorlagen's total). */
export async function countFollowUpsForMember(db: Db, userId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (${memberFollowUpsSql(userId, Prisma.empty)}) AS listed`;
  return row?.n ?? 0;
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
  const rows = await db.$queryRaw<(Omit<MemberFollowUp, "phase"> & { id: string; phase: string })[]>(
    memberFollowUpsSql(userId, Prisma.sql`ORDER BY f."dueAt" ASC, f.id ASC LIMIT ${options.limit}`),
  );
  return rows.map(({ id: _id, ...r }) => ({ ...r, phase: r.phase as Phase }));
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
