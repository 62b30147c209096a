import type { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import {
  DIGEST_PLACEHOLDER_TEXT,
  enqueueRefreshDigest,
  findPostedDigestsNaming,
  findUnpostedDigestsNaming,
} from "../digest/digest-message-repository.ts";
import { recordKey, withoutPersonalData } from "../events/webhook-events.ts";
import { jobs } from "../outbox/jobs.ts";
import { enqueueRefreshMessage } from "../requests/refresh-message.ts";

import { invitationContactSelect } from "../requests/request-select.ts";
import {
  eraseThreadMessages,
  findThreadMessages,
  type RequestRef,
} from "../requests/thread-message-repository.ts";
import { addressesIn, addressForms } from "../text/email-address.ts";
import { minimiseAuditValues } from "./audit-values.ts";

/**
 * Every place where kundenbot keeps a person's data (DSGVO Art. 15, 17, 5(1)(e)): how to find one
 * person's records by their exact address, what the export shows, and how to erase them. The
 * export, the erasure, the retention job and docs/privacy.md all go through this one list; a test
 * checks that it covers every text and JSON column of the database.
 */

/** The person's records found so far: later places (audit, outbox, messages) hang on earlier ones. */
export interface FoundIds {
  customers: string[];
  inquiries: string[];
  invitations: string[];
  /** Notes on the person's requests (their queued thread posts carry only the note's id). */
  notes: string[];
}

/** The order keys of the person's records (webhook events are queued under them, ADR 016). */
export function recordKeysOf(found: FoundIds): string[] {
  return [
    ...found.customers.map((id) => recordKey("customer", id)),
    ...found.inquiries.map((id) => recordKey("inquiry", id)),
    ...found.invitations.map((id) => recordKey("invitation", id)),
  ];
}

/** Stored e-mails (the `.eml` files under DATA_DIR/mail): the domain sees them only through this. */
export interface MailArchive {
  /** Mails whose recipient is exactly this address (case-insensitive). */
  findFor(email: string): Promise<{ file: string; content: string }[]>;
  remove(files: string[]): Promise<void>;
}

export interface PlaceContext {
  /** The exact address, as typed; matched in lower case, its domain in Unicode or punycode (addressForms). */
  email: string;
  /**
   * Only these invitations instead of everything stored for the address (the retention job: a
   * declined invitation loses its data, the same person's customer record stays).
   */
  onlyInvitations?: string[];
  found: FoundIds;
  now: Date;
  mails: MailArchive;
}

export interface Place {
  /** Key in the export document and in the erasure summary. */
  key: keyof PersonalData;
  /** What the erase modal calls it (German). */
  label: string;
  /** Table and columns with personal data (for the coverage test and docs/privacy.md). */
  table?: { name: string; columns: string[] };
  /** The person's records in this place, as the export shows them. */
  find(db: Db, ctx: PlaceContext): Promise<Record<string, unknown>[]>;
  /** Overwrites (or deletes) them, inside the erasure's transaction. */
  erase(tx: Db, records: Record<string, unknown>[], ctx: PlaceContext): Promise<void>;
  /** What cannot be part of the transaction (files), done after its commit. */
  afterCommit?(records: Record<string, unknown>[], ctx: PlaceContext): Promise<void>;
}

export interface PersonalData {
  customers: Record<string, unknown>[];
  inquiries: Record<string, unknown>[];
  invitations: Record<string, unknown>[];
  notes: Record<string, unknown>[];
  followUps: Record<string, unknown>[];
  conversation: Record<string, unknown>[];
  auditEntries: Record<string, unknown>[];
  outboxJobs: Record<string, unknown>[];
  mails: Record<string, unknown>[];
  slackMessages: Record<string, unknown>[];
  threadMessages: Record<string, unknown>[];
  digestMessages: Record<string, unknown>[];
}

const ids = (records: Record<string, unknown>[]) => records.map((r) => String(r.id));

const customers: Place = {
  key: "customers",
  label: "Kunden",
  table: {
    name: "Customer",
    columns: ["company", "firstName", "lastName", "email", "phone", "address", "notes", "searchText"],
  },
  async find(db, { email, onlyInvitations }) {
    if (onlyInvitations) return [];
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Customer" WHERE lower(email) = ANY(${addressForms(email)}::text[]) ORDER BY "createdAt", id`;
    return db.customer.findMany({
      where: { id: { in: rows.map((r) => r.id) } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        company: true,
        firstName: true,
        lastName: true,
        email: true,
        phone: true,
        address: true,
        notes: true,
        createdBy: true,
        createdAt: true,
        updatedAt: true,
        domains: { select: { id: true, name: true } },
        contracts: { select: { id: true, title: true, number: true } },
        tasks: { select: { id: true, title: true, done: true } },
      },
    });
  },
  async erase(tx, records, { now }) {
    // The row stays: contracts, domains and tasks hang on it and show "Gelöschter Kunde".
    await tx.customer.updateMany({
      where: { id: { in: ids(records) } },
      data: {
        company: null,
        firstName: null,
        lastName: null,
        email: null,
        phone: null,
        address: null,
        notes: null,
        searchText: "",
        erasedAt: now,
      },
    });
  },
};

const inquiries: Place = {
  key: "inquiries",
  label: "Anfragen",
  table: {
    name: "Inquiry",
    columns: ["name", "email", "phone", "company", "message", "subject", "attachments"],
  },
  async find(db, { email, onlyInvitations }) {
    if (onlyInvitations) return [];
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Inquiry" WHERE lower(email) = ANY(${addressForms(email)}::text[])`;
    return db.inquiry.findMany({
      where: { id: { in: rows.map((r) => r.id) } },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        source: true,
        name: true,
        email: true,
        phone: true,
        company: true,
        message: true,
        subject: true,
        attachments: true,
        receivedAt: true,
        status: true,
        customerId: true,
        decidedBy: true,
        decidedAt: true,
        createdBy: true,
      },
    });
  },
  async erase(tx, records, { now }) {
    // Name and e-mail are required columns: an empty string is "nothing stored", the row keeps its decision.
    await tx.inquiry.updateMany({
      where: { id: { in: ids(records) } },
      data: {
        name: "",
        email: "",
        phone: null,
        company: null,
        message: null,
        subject: null,
        attachments: [],
        erasedAt: now,
      },
    });
  },
};

const invitations: Place = {
  key: "invitations",
  label: "Zugriffsfreigaben",
  table: {
    name: "Invitation",
    columns: ["name", "email", "company", "customerNumber", "message", "declineMessage", "declineMailError"],
  },
  async find(db, { email, onlyInvitations }) {
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Invitation" WHERE lower(email) = ANY(${addressForms(email)}::text[])`;
    const matching = rows.map((r) => r.id).filter((id) => !onlyInvitations || onlyInvitations.includes(id));
    return db.invitation.findMany({
      where: { id: { in: matching } },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      select: {
        ...invitationContactSelect,
        customerId: true,
        decidedBy: true,
        decidedAt: true,
        declineMessage: true,
        declineMailStatus: true,
        declineMailError: true,
      },
    });
  },
  async erase(tx, records, { now }) {
    await tx.invitation.updateMany({
      where: { id: { in: ids(records) } },
      data: {
        name: "",
        email: "",
        company: null,
        customerNumber: null,
        message: null,
        declineMessage: null,
        declineMailError: null,
        erasedAt: now,
      },
    });
  },
};

/** Notes (Notiz) of the team on the person's requests (domain/triage/note-repository.ts). */
const notes: Place = {
  key: "notes",
  label: "Notizen",
  table: { name: "RequestNote", columns: ["text"] },
  async find(db, { found }) {
    if (found.inquiries.length === 0 && found.invitations.length === 0) return [];
    return db.requestNote.findMany({
      where: { OR: [{ inquiryId: { in: found.inquiries } }, { invitationId: { in: found.invitations } }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, inquiryId: true, invitationId: true, author: true, text: true, createdAt: true },
    });
  },
  async erase(tx, records) {
    // A note is about the person as a whole: it goes, and with it what it said about them.
    await tx.requestNote.deleteMany({ where: { id: { in: ids(records) } } });
  },
};

/** The follow-up (Wiedervorlage) of the person's requests, with its note (domain/follow-ups/). */
const followUps: Place = {
  key: "followUps",
  label: "Wiedervorlagen",
  table: { name: "FollowUp", columns: ["note"] },
  async find(db, { found }) {
    if (found.inquiries.length === 0 && found.invitations.length === 0) return [];
    return db.followUp.findMany({
      where: { OR: [{ inquiryId: { in: found.inquiries } }, { invitationId: { in: found.invitations } }] },
      orderBy: [{ setAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        inquiryId: true,
        invitationId: true,
        dueAt: true,
        note: true,
        setBy: true,
        setAt: true,
        firedAt: true,
      },
    });
  },
  async erase(tx, records) {
    // Like a note: it goes; an unfired one never fires (its queued post finds nothing).
    await tx.followUp.deleteMany({ where: { id: { in: ids(records) } } });
  },
};

/**
 * The conversation with the person (domain/conversation/): answers and decline e-mails sent to
 * them, their replies. Found through their requests, and by their exact address.
 */
const conversation: Place = {
  key: "conversation",
  label: "Antworten und Rückmeldungen",
  table: {
    name: "ConversationEntry",
    columns: ["address", "name", "subject", "text", "attachments", "messageId", "mailError"],
  },
  async find(db, { email, found, onlyInvitations }) {
    const byAddress = onlyInvitations
      ? []
      : (
          await db.$queryRaw<{ id: string }[]>`
            SELECT id::text AS id FROM "ConversationEntry" WHERE lower(address) = ANY(${addressForms(email)}::text[])`
        ).map((r) => r.id);
    const requests = [{ inquiryId: { in: found.inquiries } }, { invitationId: { in: found.invitations } }];
    return db.conversationEntry.findMany({
      where: { OR: [...requests, { id: { in: byAddress } }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        inquiryId: true,
        invitationId: true,
        direction: true,
        author: true,
        address: true,
        name: true,
        subject: true,
        text: true,
        attachments: true,
        messageId: true,
        mailStatus: true,
        mailError: true,
        createdAt: true,
      },
    });
  },
  async erase(tx, records) {
    // The whole mail goes: what was written to and by the person is about them.
    await tx.conversationEntry.deleteMany({ where: { id: { in: ids(records) } } });
  },
};

const everyId = (found: FoundIds) => [...found.customers, ...found.inquiries, ...found.invitations];

const auditEntries: Place = {
  key: "auditEntries",
  label: "Protokolleinträge",
  table: { name: "AuditEntry", columns: ["before", "after"] },
  async find(db, { found }) {
    const entityIds = everyId(found);
    if (entityIds.length === 0) return [];
    const rows = await db.auditEntry.findMany({
      where: { OR: [{ entityId: { in: entityIds } }, { customerId: { in: found.customers } }] },
      orderBy: { id: "asc" },
      select: {
        id: true,
        actor: true,
        action: true,
        entityType: true,
        entityId: true,
        customerId: true,
        before: true,
        after: true,
        createdAt: true,
      },
    });
    return rows.map((r) => ({ ...r, id: r.id.toString() }));
  },
  async erase(tx, records) {
    // Who did what when stays (the decisions are the agency's own record); the values go.
    for (const r of records) {
      await tx.auditEntry.update({
        where: { id: BigInt(String(r.id)) },
        data: {
          before: jsonOrNull(minimiseAuditValues(r.before)),
          after: jsonOrNull(minimiseAuditValues(r.after)),
        },
        select: { id: true },
      });
    }
  },
};

const jsonOrNull = (v: Prisma.InputJsonValue | null) => (v === null ? ("DbNull" as const) : v);

/** Every string inside a job's payload (texts, blocks, addresses), for the exact address match. */
function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsOf);
  return [];
}

/** Whether the job names the address as a whole address (never a part of a longer one or of a name). */
function namesAddress(job: { payload: unknown; lastError: string | null }, forms: string[]): boolean {
  const texts = [...stringsOf(job.payload), job.lastError ?? ""];
  return texts.some((t) => addressesIn(t).some((a) => addressForms(a).some((f) => forms.includes(f))));
}

/**
 * Jobs that still carry the person's data: not done yet, or failed (done jobs keep no payload).
 * Found through the person's records (a request's post, note, reminder, decline mail) and through
 * the address written in the job (a mail to it, a message naming it), matched as a whole address.
 */
const isDigestPost = (r: Record<string, unknown>) =>
  r.kind === jobs.slackPost.kind &&
  (r.payload as { link?: { type?: unknown } } | null)?.link?.type === "digest";

const outboxJobs: Place = {
  key: "outboxJobs",
  label: "Ausstehende Nachrichten und E-Mails",
  table: { name: "OutboxJob", columns: ["payload", "lastError"] },
  async find(db, { email, found, onlyInvitations }) {
    const requestIds = [...found.inquiries, ...found.invitations];
    const noteIds = found.notes;
    // Retention erases one invitation: jobs of the same person's other records are not its business.
    const forms = onlyInvitations ? [] : addressForms(email);
    // Webhook events keep the order of their records: the keys say whose they are.
    const recordKeys = recordKeysOf(found);
    // A digest waiting in the outbox names the person by name only: found through its record.
    const digestIds = await findUnpostedDigestsNaming(db, requestIds);
    const rows = await db.$queryRaw<
      {
        id: bigint;
        kind: string;
        status: string;
        payload: unknown;
        lastError: string | null;
        createdAt: Date;
        orderKeys: string[] | null;
        byRecord: boolean;
      }[]
    >`
      SELECT id, kind, status, payload, "lastError", "createdAt", "orderKeys", (
        "orderKeys" && ${recordKeys}::text[] OR
        payload->'link'->>'id' = ANY(${requestIds}::text[])
        OR payload->>'invitationId' = ANY(${requestIds}::text[])
        OR payload->'request'->>'id' = ANY(${requestIds}::text[])
        OR (kind IN ('request.remind', 'request.mail_failed_notice') AND payload->>'id' = ANY(${requestIds}::text[]))
        OR payload->>'noteId' = ANY(${noteIds}::text[])
        OR (payload->'link'->>'type' = 'digest' AND payload->'link'->>'id' = ANY(${digestIds}::text[]))
      ) AS "byRecord"
      FROM "OutboxJob"
      WHERE status <> 'done' AND (
        "orderKeys" && ${recordKeys}::text[]
        OR payload->'link'->>'id' = ANY(${requestIds}::text[])
        OR payload->>'invitationId' = ANY(${requestIds}::text[])
        OR payload->'request'->>'id' = ANY(${requestIds}::text[])
        OR (kind IN ('request.remind', 'request.mail_failed_notice') AND payload->>'id' = ANY(${requestIds}::text[]))
        OR payload->>'noteId' = ANY(${noteIds}::text[])
        OR (payload->'link'->>'type' = 'digest' AND payload->'link'->>'id' = ANY(${digestIds}::text[]))
        OR EXISTS (
          SELECT 1 FROM unnest(${forms}::text[]) AS f
          WHERE strpos(lower(payload::text), f) > 0 OR strpos(lower(coalesce("lastError", '')), f) > 0))
      ORDER BY id`;
    // The text search above is only a coarse filter: "a@example.com" is also inside "lisa@example.com".
    return rows
      .filter((r) => r.byRecord || namesAddress(r, forms))
      .map(({ byRecord: _, ...r }) => ({ ...r, id: r.id.toString() }));
  },
  async erase(tx, records) {
    // A post or e-mail not yet carried out is not carried out: the person asked for erasure.
    const jobIds = records
      .filter((r) => r.kind !== jobs.sendWebhook.kind && !isDigestPost(r))
      .map((r) => BigInt(String(r.id)));
    if (jobIds.length > 0) await tx.outboxJob.deleteMany({ where: { id: { in: jobIds } } });
    // A queued digest is about the others too: it still goes, without names, and is re-rendered from
    // its record once posted (domain/digest/digest-message-repository.ts).
    for (const r of records.filter(isDigestPost)) {
      const { blocks: _, ...payload } = r.payload as Record<string, unknown>;
      await tx.outboxJob.update({
        where: { id: BigInt(String(r.id)) },
        data: { payload: { ...payload, text: DIGEST_PLACEHOLDER_TEXT } as Prisma.InputJsonValue },
        select: { id: true },
      });
    }
    // A queued webhook event still goes, without the person's data (before person.erased).
    for (const r of records.filter((r) => r.kind === jobs.sendWebhook.kind)) {
      await tx.outboxJob.update({
        where: { id: BigInt(String(r.id)) },
        data: { payload: withoutPersonalData(r.payload) },
        select: { id: true },
      });
    }
  },
};

const mails: Place = {
  key: "mails",
  label: "Gespeicherte E-Mails",
  async find(_db, { email, mails }) {
    return mails.findFor(email);
  },
  async erase() {},
  async afterCommit(records, { mails }) {
    await mails.remove(records.map((r) => String(r.file)));
  },
};

/** Channel messages of the person's requests: re-rendered from the erased rows through the outbox. */
const slackMessages: Place = {
  key: "slackMessages",
  label: "Nachrichten im Team-Kanal",
  async find(db, { found }) {
    const where = { slackTs: { not: null } } as const;
    const [inq, inv] = await Promise.all([
      db.inquiry.findMany({
        where: { id: { in: found.inquiries }, ...where },
        select: { id: true, slackChannel: true, slackTs: true },
      }),
      db.invitation.findMany({
        where: { id: { in: found.invitations }, ...where },
        select: { id: true, slackChannel: true, slackTs: true },
      }),
    ]);
    return [
      ...inq.map((r) => ({ kind: "inquiry", ...r })),
      ...inv.map((r) => ({ kind: "invitation", ...r })),
    ];
  },
  async erase(tx, records) {
    for (const r of records) {
      await enqueueRefreshMessage(
        tx,
        r.kind as "inquiry" | "invitation",
        String(r.id),
        (r.slackChannel as string | null) ?? null,
      );
    }
  },
};

/** The person's requests, as the thread replies are recorded by. */
export const requestRefs = (found: FoundIds): RequestRef[] => [
  ...found.inquiries.map((id) => ({ kind: "inquiry" as const, id })),
  ...found.invitations.map((id) => ({ kind: "invitation" as const, id })),
];

/**
 * The bot's replies in the threads of the person's requests (notes, reminders, answers, …): each is
 * overwritten with "Personenbezogene Daten gelöscht" through the outbox
 * (domain/requests/thread-message-repository.ts).
 */
const threadMessages: Place = {
  key: "threadMessages",
  label: "Antworten im Thread",
  async find(db, { found }) {
    return findThreadMessages(db, found);
  },
  async erase(tx, _records, { found, now }) {
    await eraseThreadMessages(tx, requestRefs(found), now);
  },
};

/**
 * Digests posted to the team channel that name the person's requests: each is re-rendered through
 * the outbox, the person's name replaced by "Personenbezogene Daten gelöscht", the others' kept
 * (domain/digest/digest-message-repository.ts).
 */
const digestMessages: Place = {
  key: "digestMessages",
  label: "Übersichten im Team-Kanal",
  async find(db, { found }) {
    return findPostedDigestsNaming(db, [...found.inquiries, ...found.invitations]);
  },
  async erase(tx, records) {
    for (const r of records)
      await enqueueRefreshDigest(tx, String(r.id), (r.channel as string | null) ?? null);
  },
};

/** In this order: audit entries, jobs and messages are found through the records before them. */
export const PLACES: Place[] = [
  customers,
  inquiries,
  invitations,
  notes,
  followUps,
  conversation,
  auditEntries,
  outboxJobs,
  mails,
  slackMessages,
  threadMessages,
  digestMessages,
];

/**
 * Text and JSON columns that hold no personal data, with the reason: together with the places'
 * columns they must name every text column of the database (test/domain/privacy/places.test.ts).
 * Ids are uuid or bigint columns and need no entry.
 */
export const NOT_PERSONAL: Record<string, string> = {
  "Customer.createdBy": "Slack user id of a team member",
  "Inquiry.externalId": "the partner profile's id of the request",
  "Inquiry.decidedBy": "Slack user id of a team member",
  "Inquiry.createdBy": "Slack user id of a team member",
  "Inquiry.slackChannel": "Slack channel id",
  "Inquiry.slackTs": "Slack message id",
  "Invitation.externalId": "the partner profile's id of the request",
  "Invitation.decidedBy": "Slack user id of a team member",
  "Invitation.slackChannel": "Slack channel id",
  "Invitation.slackTs": "Slack message id",
  "Inquiry.takenBy": "Slack user id of a team member",
  "Invitation.takenBy": "Slack user id of a team member",
  "RequestNote.author": "Slack user id of a team member",
  "FollowUp.setBy": "Slack user id of a team member",
  "ConversationEntry.author": "Slack user id of a team member",
  "Inquiry.answeredBy": "Slack user id of a team member",
  "Invitation.answeredBy": "Slack user id of a team member",
  "AnswerTemplate.name": "the team's answer template (no prospect's data; placeholders are filled when used)",
  "AnswerTemplate.subject": "the team's answer template",
  "AnswerTemplate.text": "the team's answer template",
  "AnswerTemplate.createdBy": "Slack user id of a team member",
  "RequestThreadMessage.kind": "what the bot's thread reply was (note, reminder, …)",
  "RequestThreadMessage.channel": "Slack channel id",
  "RequestThreadMessage.ts": "Slack message id",
  "DigestMessage.facts":
    "what a digest showed without names: counts, ages, request ids, Slack ids of team members",
  "DigestMessage.channel": "Slack channel id",
  "DigestMessage.ts": "Slack message id",
  "Domain.name": "the customer's web domain: a business record, kept with the erased customer",
  "Domain.createdBy": "Slack user id of a team member",
  "Contract.title": "the agency's contract: a business record, kept with the erased customer",
  "Contract.number": "the agency's contract number",
  "Contract.notes": "the agency's notes on a contract",
  "Contract.createdBy": "Slack user id of a team member",
  "Task.title": "the agency's task",
  "Task.assigneeId": "Slack user id of a team member",
  "Task.createdBy": "Slack user id of a team member",
  "AuditEntry.actor": "Slack user id of a team member, or api/system",
  "AuditEntry.action": "what happened",
  "AuditEntry.entityType": "kind of record",
  "AuditEntry.entityId": "id",
  "OutboxJob.kind": "job kind",
  "OutboxJob.lane": "rate-limit lane (a channel id or mail)",
  "OutboxJob.dedupeKey": "idempotency key (kind and record id or slot)",
  "OutboxJob.status": "job state",
  "OutboxJob.orderKeys": "ids of the records whose order a job keeps (customer:<id>, inquiry:<id>)",
  "OutboxLane.lane": "rate-limit lane (a channel id or mail)",
  "ScheduleSlot.key": "task name and slot time",
  "ScheduleSlot.claimedBy": "host and process id",
  "WorkerLease.name": "name of a background worker (the mailbox watcher)",
  "WorkerLease.holder": "host and process id",
  "_prisma_migrations.id": "Prisma's migration history",
  "_prisma_migrations.checksum": "Prisma's migration history",
  "_prisma_migrations.migration_name": "Prisma's migration history",
  "_prisma_migrations.logs": "Prisma's migration history",
};
