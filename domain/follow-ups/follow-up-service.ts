import { recordAudit } from "../audit/audit-repository.ts";
import type { PrismaClient } from "../db.ts";
import { findRequestForDecision } from "../decisions/request-repository.ts";
import { isStorableText, UNSTORABLE_TEXT_DE } from "../fields.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import { slackLane } from "../outbox/outbox-repository.ts";
import { enqueueRefreshMessage } from "../requests/refresh-message.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import { stripInvisible } from "../text/invisible.ts";
import { type DueTime, dueTime, parseIsoDate, parseWallTime } from "./due-time.ts";
import {
  claimFollowUp,
  deleteFollowUp,
  findFollowUp,
  listDueFollowUps,
  type StoredFollowUp,
  setFollowUp,
} from "./follow-up-repository.ts";
import { FOLLOW_UP_DEFAULT_TIME, FOLLOW_UP_NOTE_MAX_CHARS } from "./limits.ts";

export interface FollowUpDeps {
  db: PrismaClient;
  now: () => Date;
  /** DIGEST_TIMEZONE: Datum and Uhrzeit are wall time there. */
  timeZone: string;
}

/** Which field of the modal an error belongs to. */
export type FollowUpField = "date" | "time" | "note";

export type SetFollowUpResult =
  | { status: "set"; followUp: StoredFollowUp; due: DueTime; replaced: boolean }
  | { status: "invalid"; errors: Partial<Record<FollowUpField, string>> }
  | { status: "not_found" };

export type DeleteFollowUpResult = { status: "deleted" } | { status: "none" } | { status: "not_found" };

export const PAST_TEXT = "Dieser Zeitpunkt liegt in der Vergangenheit.";

/**
 * Checks Datum (required, `YYYY-MM-DD`), Uhrzeit (optional `HH:MM`, default 09:00) and Notiz
 * against the clock: a follow-up in the past is refused. Pure apart from the clock.
 */
export function checkFollowUp(
  input: { date: string | null; time: string | null; note: string | null },
  now: Date,
  timeZone: string,
):
  | { status: "ok"; due: DueTime; note: string | null }
  | { status: "invalid"; errors: Partial<Record<FollowUpField, string>> } {
  const date = input.date ? parseIsoDate(input.date) : null;
  if (!date) return { status: "invalid", errors: { date: "Bitte ein Datum wählen." } };
  const time = parseWallTime(input.time?.trim() || FOLLOW_UP_DEFAULT_TIME);
  if (!time) return { status: "invalid", errors: { time: "Bitte eine Uhrzeit wählen (HH:MM)." } };
  // A NUL or a lone surrogate cannot be stored (PostgreSQL would refuse the row after the modal's 3 s).
  if (input.note && !isStorableText(input.note))
    return { status: "invalid", errors: { note: UNSTORABLE_TEXT_DE } };
  const note = input.note && stripInvisible(input.note).trim() !== "" ? input.note.trim() : null;
  if (note && note.length > FOLLOW_UP_NOTE_MAX_CHARS)
    return { status: "invalid", errors: { note: `Höchstens ${FOLLOW_UP_NOTE_MAX_CHARS} Zeichen.` } };
  const due = dueTime(date, time, timeZone);
  if (due.dueAt.getTime() <= now.getTime()) {
    // A past day is the date's fault; today at a past hour is the time's.
    const endOfDay = dueTime(date, { hour: 23, minute: 59 }, timeZone).dueAt;
    return endOfDay.getTime() <= now.getTime()
      ? { status: "invalid", errors: { date: PAST_TEXT } }
      : { status: "invalid", errors: { time: PAST_TEXT } };
  }
  return { status: "ok", due, note };
}

/**
 * Wiedervorlage: checks the input (again, on the server), then in one transaction replaces the
 * request's follow-up, audits `<kind>.follow_up_set` and queues the refresh of its message.
 */
export async function setRequestFollowUp(
  deps: FollowUpDeps,
  input: {
    kind: RequestKind;
    requestId: string;
    date: string | null;
    time: string | null;
    note: string | null;
    actor: string;
  },
): Promise<SetFollowUpResult> {
  const now = deps.now();
  const checked = checkFollowUp(input, now, deps.timeZone);
  if (checked.status === "invalid") return checked;
  return deps.db.$transaction(async (tx) => {
    const request = await findRequestForDecision(tx, input.kind, input.requestId);
    if (!request || request.erasedAt) return { status: "not_found" } as const;
    const { followUp, replaced } = await setFollowUp(tx, {
      kind: input.kind,
      requestId: input.requestId,
      dueAt: checked.due.dueAt,
      note: checked.note,
      setBy: input.actor,
      now,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: `${input.kind}.follow_up_set`,
      entityType: input.kind,
      entityId: input.requestId,
      customerId: request.customer?.id ?? null,
      // Minimised to field names: the audit log keeps no note.
      after: { dueAt: followUp.dueAt.toISOString(), note: followUp.note },
    });
    await enqueueRefreshMessage(tx, input.kind, input.requestId, request.slackChannel);
    return { status: "set", followUp, due: checked.due, replaced: replaced !== null } as const;
  });
}

/** Wiedervorlage löschen: deletes the request's follow-up (audited, message refreshed). */
export async function deleteRequestFollowUp(
  deps: FollowUpDeps,
  input: { kind: RequestKind; requestId: string; actor: string },
): Promise<DeleteFollowUpResult> {
  return deps.db.$transaction(async (tx) => {
    const request = await findRequestForDecision(tx, input.kind, input.requestId);
    if (!request || request.erasedAt) return { status: "not_found" } as const;
    const deleted = await deleteFollowUp(tx, input);
    if (!deleted) return { status: "none" } as const;
    await recordAudit(tx, {
      actor: input.actor,
      action: `${input.kind}.follow_up_deleted`,
      entityType: input.kind,
      entityId: input.requestId,
      customerId: request.customer?.id ?? null,
      before: { dueAt: deleted.dueAt.toISOString(), note: deleted.note },
    });
    await enqueueRefreshMessage(tx, input.kind, input.requestId, request.slackChannel);
    return { status: "deleted" } as const;
  });
}

/** How many follow-ups one pass claims at most; the next pass takes the rest. */
const BATCH = 25;

/**
 * Claims the follow-ups due now and queues their thread posts: the claim (a conditional update of
 * `firedAt`, by id, while it is null) and the enqueue share a transaction, so each follow-up is
 * posted once however many instances run, and one due while the bot was down is posted at its
 * first pass after the start. Returns how many this call claimed.
 */
export async function claimDueFollowUps(deps: { db: PrismaClient; now: () => Date }): Promise<number> {
  const now = deps.now();
  const due = await listDueFollowUps(deps.db, now, BATCH);
  let claimed = 0;
  for (const f of due) {
    const won = await deps.db.$transaction(async (tx) => {
      if (!(await claimFollowUp(tx, f.id, now))) return false;
      await enqueue(
        tx,
        jobs.postFollowUp,
        { id: f.id },
        { lane: slackLane(f.slackChannel ?? "unposted"), dedupeKey: `follow_up:${f.id}` },
      );
      return true;
    });
    if (won) claimed++;
  }
  return claimed;
}

export function createFollowUpService(deps: FollowUpDeps & { notify: () => void }) {
  return {
    find: (kind: RequestKind, requestId: string) => findFollowUp(deps.db, kind, requestId),
    async set(input: Parameters<typeof setRequestFollowUp>[1]) {
      const result = await setRequestFollowUp(deps, input);
      if (result.status === "set") deps.notify();
      return result;
    },
    async delete(input: Parameters<typeof deleteRequestFollowUp>[1]) {
      const result = await deleteRequestFollowUp(deps, input);
      if (result.status === "deleted") deps.notify();
      return result;
    },
  };
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;
