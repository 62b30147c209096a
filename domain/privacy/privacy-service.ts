import { recordAudit } from "../audit/audit-repository.ts";
import type { Db, PrismaClient } from "../db.ts";
import { type Events, noEvents } from "../events/webhook-events.ts";
import { recordSlackMessage } from "../intake/intake-repository.ts";
import { enqueueRefreshMessage } from "../requests/refresh-message.ts";
import { eraseThreadMessages } from "../requests/thread-message-repository.ts";
import {
  type FoundIds,
  type MailArchive,
  type PersonalData,
  PLACES,
  type PlaceContext,
  recordKeysOf,
  requestRefs,
} from "./places-repository.ts";
import {
  countDueErasures,
  findDueErasures,
  findPostedRequests,
  isRequestErased,
} from "./privacy-repository.ts";

/** Auskunft and Löschen (DSGVO Art. 15 and 17) over every place of ./places-repository.ts. */

export interface PrivacyDeps {
  db: PrismaClient;
  now: () => Date;
  mails: MailArchive;
  /** Wakes this process's outbox worker after a commit that enqueued jobs. */
  notify?: () => void;
  /** person.erased for WEBHOOK_URL (an erasure on request; retention erases records, not a person). */
  events?: Events;
  /**
   * After the erasure's commit: makes the erased values unreadable in the database's own files too
   * (the embedded database: its tables rewritten, its old WAL removed). Absent for PostgreSQL.
   */
  purge?: (tables: string[]) => Promise<void>;
  /**
   * After an erasure: whatever else names the person and is not kundenbot's own data (the sandbox's
   * stand-in of Slack keeps ephemeral messages and App Home views in a file).
   */
  afterErasure?: (person: { email: string; names: string[] }) => Promise<void>;
}

/** The tables an erasure writes to: their old row versions still hold the erased values. */
const ERASED_TABLES = PLACES.flatMap((p) => (p.table ? [p.table.name] : []));

export interface PersonalDataReport {
  email: string;
  data: PersonalData;
  /** Records per place, for the erase modal. */
  counts: { key: keyof PersonalData; label: string; count: number }[];
  /** Names the person is stored under (customers, requests). */
  names: string[];
  /** Nothing stored about this address. */
  empty: boolean;
}

const emptyData = (): PersonalData => ({
  customers: [],
  inquiries: [],
  invitations: [],
  notes: [],
  followUps: [],
  conversation: [],
  auditEntries: [],
  outboxJobs: [],
  mails: [],
  slackMessages: [],
  threadMessages: [],
  digestMessages: [],
});

async function collect(db: Db, email: string, now: Date, mails: MailArchive, onlyInvitations?: string[]) {
  const found: FoundIds = { customers: [], inquiries: [], invitations: [], notes: [] };
  const ctx: PlaceContext = { email, found, now, mails, ...(onlyInvitations ? { onlyInvitations } : {}) };
  const data = emptyData();
  for (const place of PLACES) {
    const records = await place.find(db, ctx);
    data[place.key] = records;
    if (
      place.key === "customers" ||
      place.key === "inquiries" ||
      place.key === "invitations" ||
      place.key === "notes"
    ) {
      found[place.key] = records.map((r) => String(r.id));
    }
  }
  return { ctx, data };
}

function namesOf(data: PersonalData): string[] {
  const names = [
    ...data.customers.map((c) =>
      [c.company, [c.firstName, c.lastName].filter(Boolean).join(" ")].filter(Boolean).join(" · "),
    ),
    ...data.inquiries.map((r) => r.name),
    ...data.invitations.map((r) => r.name),
  ];
  return [...new Set(names.filter((n): n is string => typeof n === "string" && n.trim() !== ""))];
}

/** What is stored about one address (matched exactly, ignoring case). */
export async function findPersonalData(deps: PrivacyDeps, email: string): Promise<PersonalDataReport> {
  const { data } = await collect(deps.db, email.trim(), deps.now(), deps.mails);
  return report(email.trim(), data);
}

function report(email: string, data: PersonalData): PersonalDataReport {
  const counts = PLACES.map((p) => ({ key: p.key, label: p.label, count: data[p.key].length }));
  // Audit entries and queued jobs exist only through a person's records: alone they are "nothing".
  const empty =
    data.customers.length + data.inquiries.length + data.invitations.length + data.mails.length === 0;
  return { email, data, counts, names: namesOf(data), empty };
}

/** The export document: everything stored about the address, as one JSON value. */
export function exportDocument(r: PersonalDataReport, at: Date) {
  return {
    subject: r.email,
    exportedAt: at.toISOString(),
    matching: "E-Mail-Adresse, exakt, ohne Beachtung der Groß-/Kleinschreibung",
    nothingStored: r.empty,
    ...r.data,
  };
}

export type ErasureResult =
  | { status: "erased"; counts: PersonalDataReport["counts"] }
  | { status: "nothing_stored" };

/**
 * Erases everything stored about the address in one transaction: rows that other records hang on
 * are overwritten, not deleted; audit entries lose their values; queued posts and e-mails about the
 * person are dropped; each channel message is re-rendered through the outbox. Mail files go right
 * after the commit. `reason` says why in the audit log ("request" or "retention").
 */
export async function erasePersonalData(
  deps: PrivacyDeps,
  input: {
    email: string;
    actor: string;
    reason?: "request" | "retention";
    /** Only these invitations of the address (retention), not everything stored for it. */
    onlyInvitations?: string[];
  },
): Promise<ErasureResult> {
  const email = input.email.trim();
  const now = deps.now();
  const outcome = await deps.db.$transaction(async (tx) => {
    const { ctx, data } = await collect(tx, email, now, deps.mails, input.onlyInvitations);
    const r = report(email, data);
    if (r.empty) return undefined;
    for (const place of PLACES) await place.erase(tx, data[place.key], ctx);
    await recordErasure(tx, input.actor, ctx.found, input.reason ?? "request");
    if ((input.reason ?? "request") === "request")
      await announceErasure(tx, deps.events, email, ctx.found, data);
    return { ctx, data, counts: r.counts, names: r.names };
  });
  if (!outcome) return { status: "nothing_stored" };
  for (const place of PLACES) await place.afterCommit?.(outcome.data[place.key], outcome.ctx);
  await refreshLatePosts(deps.db, outcome.ctx.found, outcome.data.slackMessages);
  // A thread reply recorded while the erasure ran (its post saw no erasure yet): overwritten now.
  await eraseThreadMessages(deps.db, requestRefs(outcome.ctx.found), now);
  await deps.purge?.(ERASED_TABLES);
  await deps.afterErasure?.({ email, names: outcome.names });
  return { status: "erased", counts: outcome.counts };
}

/**
 * A channel post in flight may store its ts while the erasure runs: the erasure saw no message, and
 * the post (which checks erasedAt in the transaction that stores its ts, recordPostedRequest) saw no erasure yet.
 * Looked at again after the commit, one of the two sees the other, and the message is re-rendered.
 */
async function refreshLatePosts(db: Db, found: FoundIds, refreshed: { id?: unknown }[]) {
  const done = new Set(refreshed.map((r) => String(r.id)));
  const { inquiries: inq, invitations: inv } = await findPostedRequests(db, found);
  for (const r of inq) if (!done.has(r.id)) await enqueueRefreshMessage(db, "inquiry", r.id, r.slackChannel);
  for (const r of inv)
    if (!done.has(r.id)) await enqueueRefreshMessage(db, "invitation", r.id, r.slackChannel);
}

/**
 * person.erased, with only the address, so that the receiver can erase too. It goes after every
 * event already queued for the person's records (scrubbed by the outbox place, and any in flight):
 * it shares their order keys (ADR 016).
 */
async function announceErasure(
  tx: Db,
  events: Events | undefined,
  email: string,
  found: FoundIds,
  data: PersonalData,
) {
  const after = new Set([
    ...recordKeysOf(found),
    ...data.outboxJobs.flatMap((j) => (Array.isArray(j.orderKeys) ? (j.orderKeys as string[]) : [])),
  ]);
  await (events ?? noEvents).enqueue(tx, { type: "person.erased", data: { email }, after: [...after] });
}

/** One entry per erased record: who erased it when, and why; no values. */
async function recordErasure(tx: Db, actor: string, found: FoundIds, reason: "request" | "retention") {
  const entries = [
    ...found.customers.map((id) => ({ entityType: "customer" as const, entityId: id, customerId: id })),
    ...found.inquiries.map((id) => ({ entityType: "inquiry" as const, entityId: id, customerId: null })),
    ...found.invitations.map((id) => ({ entityType: "invitation" as const, entityId: id, customerId: null })),
  ];
  for (const e of entries) {
    await recordAudit(tx, { actor, action: "privacy.erased", ...e, after: { status: reason } });
  }
}

/** Auskunft and Löschen bound to the app's database, clock and mail files (Deps.privacy). */
export interface PrivacyService {
  find(email: string): Promise<PersonalDataReport>;
  /** The export document (also when nothing is stored: then `nothingStored` is true). */
  exportFor(email: string): Promise<ReturnType<typeof exportDocument>>;
  erase(email: string, actor: string): Promise<ErasureResult>;
  /** Declined invitations past RETENTION_DAYS that the retention job has not erased yet. */
  dueErasures(): Promise<number>;
}

export function createPrivacyService(deps: PrivacyDeps, opts: { retentionDays: number }): PrivacyService {
  return {
    find: (email) => findPersonalData(deps, email),
    exportFor: async (email) => exportDocument(await findPersonalData(deps, email), deps.now()),
    erase: async (email, actor) => {
      const result = await erasePersonalData(deps, { email, actor });
      // Channel messages are re-rendered by the outbox: wake it, as every service that enqueues does.
      if (result.status === "erased") deps.notify?.();
      return result;
    },
    dueErasures: () => countDueErasures(deps.db, retentionCutoff(deps.now(), opts.retentionDays)),
  };
}

/** The cutoff of RETENTION_DAYS: declines before it are due. */
export const retentionCutoff = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 3600_000);

/**
 * The retention job's work: each due invitation loses its personal data, the same way as an
 * erasure on request, but only that invitation (a customer with the same address stays).
 */
export async function eraseDueInvitations(
  deps: PrivacyDeps,
  retentionDays: number,
): Promise<{ erased: number }> {
  const due = await findDueErasures(deps.db, retentionCutoff(deps.now(), retentionDays));
  let erased = 0;
  // One purge of the database files for the whole batch, not one per invitation.
  const { purge, ...each } = deps;
  for (const inv of due) {
    const result = await erasePersonalData(each, {
      email: inv.email,
      actor: "system",
      reason: "retention",
      onlyInvitations: [inv.id],
    });
    if (result.status === "erased") erased += 1;
  }
  if (erased > 0) await purge?.(ERASED_TABLES);
  return { erased };
}

/**
 * Stores where a request's message was posted, and when the request was erased while the post was on
 * its way, queues its re-rendering (without data) like every other message of an erased request. One
 * transaction: the stored ts and the queued overwrite appear together, and the row lock of the update
 * makes a concurrent erasure wait until the ts is visible to it (so one of the two always queues it).
 */
export async function recordPostedRequest(
  prisma: PrismaClient,
  kind: "inquiry" | "invitation",
  id: string,
  channel: string,
  ts: string,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    await recordSlackMessage(tx, kind, id, channel, ts);
    if (!(await isRequestErased(tx, kind, id))) return false;
    await enqueueRefreshMessage(tx, kind, id, channel);
    return true;
  });
}
