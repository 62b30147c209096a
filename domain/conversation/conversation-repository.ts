import type { Db } from "../db.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import { canonicalEmail } from "../text/email-address.ts";

/**
 * The conversation with a request's prospect, all in one table (ConversationEntry): answers and
 * decline e-mails (outbound), the prospect's replies (inbound). An export or erasure of a person's
 * data finds every entry through the request here; replies are matched by Message-ID or subject.
 */

export type Direction = "outbound" | "inbound";

export interface StoredEntry {
  id: string;
  direction: Direction;
  author: string | null;
  address: string;
  name: string;
  subject: string;
  text: string;
  attachments: string[];
  messageId: string;
  createdAt: Date;
}

export const entrySelect = {
  id: true,
  direction: true,
  author: true,
  address: true,
  name: true,
  subject: true,
  text: true,
  attachments: true,
  messageId: true,
  createdAt: true,
} as const;

const requestColumn = (kind: RequestKind, id: string) =>
  kind === "inquiry" ? { inquiryId: id } : { invitationId: id };

/** Addresses are kept in lower case: they match exactly, ignoring case, everywhere. */
/** An address as the conversation stores and finds it: canonical (an umlaut domain in Unicode), lower case. */
export const addressKey = (address: string) => (canonicalEmail(address) ?? address.trim()).toLowerCase();

export interface NewEntry {
  kind: RequestKind;
  requestId: string;
  direction: Direction;
  author: string | null;
  address: string;
  name: string;
  subject: string;
  text: string;
  attachments?: string[];
  messageId: string;
  at: Date;
}

function entryData(e: NewEntry) {
  return {
    ...requestColumn(e.kind, e.requestId),
    direction: e.direction,
    author: e.author,
    address: addressKey(e.address),
    name: e.name,
    subject: e.subject,
    text: e.text,
    attachments: e.attachments ?? [],
    messageId: e.messageId,
    mailStatus: e.direction === "outbound" ? ("queued" as const) : null,
    createdAt: e.at,
  };
}

export async function createOutboundEntry(db: Db, entry: Omit<NewEntry, "direction">): Promise<StoredEntry> {
  return db.conversationEntry.create({
    data: entryData({ ...entry, direction: "outbound" }),
    select: entrySelect,
  });
}

/** A reply, once per Message-ID (the same mail read twice, or by two instances): null when it was stored before. */
export async function createInboundEntry(
  db: Db,
  entry: Omit<NewEntry, "direction" | "author">,
): Promise<StoredEntry | null> {
  const { count } = await db.conversationEntry.createMany({
    data: [entryData({ ...entry, direction: "inbound", author: null })],
    skipDuplicates: true,
  });
  if (count === 0) return null;
  return db.conversationEntry.findUnique({ where: { messageId: entry.messageId }, select: entrySelect });
}

export async function findEntryByMessageId(db: Db, messageId: string) {
  return db.conversationEntry.findUnique({
    where: { messageId },
    select: { id: true, inquiryId: true, invitationId: true },
  });
}

export interface EntryRequest {
  kind: RequestKind;
  requestId: string;
}

function requestOf(row: { inquiryId: string | null; invitationId: string | null }): EntryRequest | null {
  if (row.inquiryId) return { kind: "inquiry", requestId: row.inquiryId };
  if (row.invitationId) return { kind: "invitation", requestId: row.invitationId };
  return null;
}

/** The request of the newest entry whose Message-ID is one of `ids` (In-Reply-To, References). */
export async function findRequestByMessageIds(db: Db, ids: string[]): Promise<EntryRequest | null> {
  if (ids.length === 0) return null;
  const row = await db.conversationEntry.findFirst({
    where: { messageId: { in: ids } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { inquiryId: true, invitationId: true },
  });
  return row ? requestOf(row) : null;
}

/** The mails sent to an address since `since` (newest first), for matching a reply by its subject. */
export async function listSentTo(db: Db, address: string, since: Date) {
  const rows = await db.conversationEntry.findMany({
    where: { address: addressKey(address), direction: "outbound", createdAt: { gte: since } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: { subject: true, inquiryId: true, invitationId: true },
  });
  return rows.flatMap((r) => {
    const request = requestOf(r);
    return request ? [{ subject: r.subject, ...request }] : [];
  });
}

/** The Message-IDs of a request's conversation, oldest first (In-Reply-To and References of an answer). */
export async function listMessageIds(db: Db, kind: RequestKind, requestId: string) {
  return db.conversationEntry.findMany({
    where: requestColumn(kind, requestId),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { messageId: true, direction: true },
  });
}

/** An entry with its request and where the request's channel message is (for the thread post). */
export async function findEntryForThread(db: Db, id: string) {
  const row = await db.conversationEntry.findUnique({
    where: { id },
    select: {
      ...entrySelect,
      mailError: true,
      inquiryId: true,
      invitationId: true,
      inquiry: { select: { slackChannel: true, slackTs: true } },
      invitation: { select: { slackChannel: true, slackTs: true } },
    },
  });
  if (!row) return null;
  const { inquiry, invitation, inquiryId, invitationId, ...entry } = row;
  const message = inquiry ?? invitation;
  return {
    ...entry,
    request: requestOf({ inquiryId, invitationId }),
    slackChannel: message?.slackChannel ?? null,
    slackTs: message?.slackTs ?? null,
  };
}

export async function recordEntryMail(
  db: Db,
  id: string,
  outcome: { status: "sent" | "failed"; error?: string },
) {
  await db.conversationEntry.updateMany({
    where: { id },
    data: { mailStatus: outcome.status, mailError: outcome.error?.slice(0, 1000) ?? null },
  });
}

/** A request's conversation, newest first: the `limit` newest and how many there are. */
export async function listConversation(
  db: Db,
  requests: { inquiries: string[]; invitations: string[] },
  limit: number,
): Promise<{ entries: (StoredEntry & EntryRequest)[]; total: number }> {
  const where = {
    OR: [{ inquiryId: { in: requests.inquiries } }, { invitationId: { in: requests.invitations } }],
  };
  if (requests.inquiries.length === 0 && requests.invitations.length === 0) return { entries: [], total: 0 };
  const [rows, total] = await Promise.all([
    db.conversationEntry.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { ...entrySelect, inquiryId: true, invitationId: true },
    }),
    db.conversationEntry.count({ where }),
  ]);
  const entries = rows.flatMap(({ inquiryId, invitationId, ...e }) => {
    const request = requestOf({ inquiryId, invitationId });
    return request ? [{ ...e, ...request }] : [];
  });
  return { entries, total };
}

/** The original mail's Message-ID of a request that came by mail (its externalId), if it is one. */
export async function findOriginalMessageId(db: Db, kind: RequestKind, requestId: string) {
  if (kind !== "inquiry") return null;
  const row = await db.inquiry.findUnique({
    where: { id: requestId },
    select: { source: true, externalId: true, subject: true },
  });
  return row?.source === "email" ? { messageId: row.externalId, subject: row.subject } : null;
}

/** The answer's marks on the request: the last answer (who, when) and, once, the first. True: it was the first. */
export async function markAnswered(db: Db, kind: RequestKind, id: string, by: string, at: Date) {
  const first = { where: { id, firstAnsweredAt: null }, data: { firstAnsweredAt: at } };
  const last = { where: { id }, data: { answeredBy: by, answeredAt: at } };
  if (kind === "inquiry") {
    const { count } = await db.inquiry.updateMany(first);
    await db.inquiry.updateMany(last);
    return count === 1;
  }
  const { count } = await db.invitation.updateMany(first);
  await db.invitation.updateMany(last);
  return count === 1;
}

export async function markReplied(db: Db, kind: RequestKind, id: string, at: Date) {
  if (kind === "inquiry") await db.inquiry.updateMany({ where: { id }, data: { repliedAt: at } });
  else await db.invitation.updateMany({ where: { id }, data: { repliedAt: at } });
}
