import type { Db } from "../db.ts";
import type { Phase } from "../pipeline/phase.ts";
import { countPerPhase } from "../pipeline/phase-repository.ts";
import {
  countOpenInquiries,
  countPendingInvitations,
  listOpenInquiries,
  listPendingInvitations,
  type WaitingInquiry,
  type WaitingInvitation,
} from "../requests/pending-request-repository.ts";
import { addDays, calendarDaysBetween, localDateTime, startOfDay } from "../time/calendar.ts";

/** How many requests the digest lists one by one; the rest are counted. */
export const DIGEST_LIST_LIMIT = 20;

export interface DigestEntry {
  id: string;
  name: string;
  accessLevel?: "full" | "partial";
  receivedAt: Date;
  /** Calendar days since it arrived, in the digest's time zone (0 = today). */
  ageDays: number;
  /** Waiting longer than the configured number of days. */
  overdue: boolean;
  /** Where it was posted, for a link; absent while it has not been posted yet. */
  message?: { channel: string; ts: string };
  /** Who took it (Übernehmen); absent while nobody has it. */
  takenBy?: string;
}

export interface Digest {
  /** What the list is about: pending invitations, or open inquiries in the ISV partner program. */
  subject: "invitations" | "inquiries";
  /** Pending invitations; absent in the ISV partner program, where invitations do not exist. */
  pendingInvitations?: number;
  openInquiries: number;
  /** How many of the subject wait longer than `overdueDays`. */
  overdue: number;
  overdueDays: number;
  /** The oldest ones, oldest first, at most DIGEST_LIST_LIMIT. */
  entries: DigestEntry[];
  /** How many of the subject are not listed. */
  more: number;
  /** How many requests (inquiries and invitations, decided or not) are in each pipeline phase, in order. */
  phases?: { phase: Phase; count: number }[];
}

export interface DigestOptions {
  now: Date;
  timeZone: string;
  overdueDays: number;
  /** false in the ISV partner program: the digest covers open inquiries only. */
  invitationsEnabled: boolean;
  limit?: number;
}

/** What the digest shows right now, or undefined when nothing waits (then nothing is posted). */
export async function loadDigest(db: Db, opts: DigestOptions): Promise<Digest | undefined> {
  const limit = opts.limit ?? DIGEST_LIST_LIMIT;
  // Overdue = received on a calendar day more than overdueDays before today, in the digest's zone.
  const today = localDateTime(opts.now, opts.timeZone);
  const overdueBefore = startOfDay(addDays(today, -opts.overdueDays), opts.timeZone);

  const subject = opts.invitationsEnabled ? "invitations" : "inquiries";
  const [pendingInvitations, openInquiries] = await Promise.all([
    opts.invitationsEnabled ? countPendingInvitations(db) : Promise.resolve(undefined),
    countOpenInquiries(db),
  ]);
  const total = subject === "invitations" ? (pendingInvitations ?? 0) : openInquiries;
  if (total === 0) return undefined;

  const [rows, overdue] = await Promise.all([
    subject === "invitations"
      ? listPendingInvitations(db, { limit, offset: 0 })
      : listOpenInquiries(db, { limit, offset: 0 }),
    subject === "invitations"
      ? countPendingInvitations(db, overdueBefore)
      : countOpenInquiries(db, overdueBefore),
  ]);
  const entries = rows.map((row) => toEntry(row, opts));
  const phases = await countPerPhase(db);
  return {
    subject,
    ...(pendingInvitations === undefined ? {} : { pendingInvitations }),
    openInquiries,
    overdue,
    overdueDays: opts.overdueDays,
    entries,
    more: Math.max(0, total - entries.length),
    phases,
  };
}

function toEntry(row: WaitingInquiry | WaitingInvitation, opts: DigestOptions): DigestEntry {
  // A receivedAt in the future (a sender's skewed clock) counts as today.
  const ageDays = Math.max(0, calendarDaysBetween(row.receivedAt, opts.now, opts.timeZone));
  return {
    id: row.id,
    name: row.name,
    ...("accessLevel" in row ? { accessLevel: row.accessLevel } : {}),
    receivedAt: row.receivedAt,
    ageDays,
    overdue: ageDays > opts.overdueDays,
    ...(row.slackChannel && row.slackTs ? { message: { channel: row.slackChannel, ts: row.slackTs } } : {}),
    ...(row.takenBy ? { takenBy: row.takenBy } : {}),
  };
}
