import { recordAudit } from "../audit/audit-repository.ts";
import type { Db, PrismaClient } from "../db.ts";
import { findRequestForDecision } from "../decisions/request-repository.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import { slackLane } from "../outbox/outbox-repository.ts";
import { enqueueRefreshMessage } from "../requests/refresh-message.ts";
import {
  createInboundEntry,
  type EntryRequest,
  findRequestByMessageIds,
  listSentTo,
  markReplied,
} from "./conversation-repository.ts";
import { REPLY_SUBJECT_DAYS } from "./limits.ts";
import { subjectKey } from "./subject.ts";

/** A mail from the mailbox, as far as a reply needs it (domain/mail-intake/reply-facts.ts reads it). */
export interface IncomingMail {
  /** Its Message-ID (or, without one, the hash the intake uses): a reply is stored once per id. */
  messageId: string;
  /** Message-IDs of In-Reply-To and References. */
  inReplyTo: string[];
  references: string[];
  address: string;
  name: string;
  subject: string | null;
  /** The new text: without quoted history and signature. */
  text: string;
  attachments: string[];
}

export interface ReplyDeps {
  db: PrismaClient;
  now: () => Date;
  notify?: () => void;
}

export type ReplyResult =
  | { status: "reply"; created: boolean; kind: EntryRequest["kind"]; requestId: string }
  | { status: "no_reply" };

/**
 * Which request a mail answers: In-Reply-To or References naming a mail of a conversation, or,
 * when those headers are gone, a mail sent to the same address within REPLY_SUBJECT_DAYS whose
 * subject is the same once reply prefixes are removed on both sides.
 */
export async function findRepliedRequest(
  db: Db,
  mail: IncomingMail,
  now: Date,
): Promise<EntryRequest | null> {
  const byId = await findRequestByMessageIds(db, [...mail.inReplyTo, ...mail.references]);
  if (byId) return byId;
  if (!mail.subject) return null;
  const key = subjectKey(mail.subject);
  if (key === "") return null;
  const since = new Date(now.getTime() - REPLY_SUBJECT_DAYS * 24 * 3600_000);
  const sent = await listSentTo(db, mail.address, since);
  return sent.find((s) => subjectKey(s.subject) === key) ?? null;
}

/**
 * A mail from the mailbox that answers a mail kundenbot sent: stored as the request's conversation
 * entry (once per Message-ID), and its thread post and the refresh of the request's message
 * ("Antwort erhalten") queued in the same transaction. Anything else is no reply (an inquiry).
 */
export async function receiveReply(deps: ReplyDeps, mail: IncomingMail): Promise<ReplyResult> {
  // The time it arrived here, not its Date header (which the sender writes).
  const at = deps.now();
  const result = await deps.db.$transaction(async (tx) => {
    const target = await findRepliedRequest(tx, mail, at);
    if (!target) return { status: "no_reply" } as const;
    const request = await findRequestForDecision(tx, target.kind, target.requestId);
    if (!request || request.erasedAt) return { status: "no_reply" } as const;
    const entry = await createInboundEntry(tx, {
      kind: target.kind,
      requestId: target.requestId,
      address: mail.address,
      name: mail.name,
      subject: mail.subject ?? "",
      text: mail.text,
      attachments: mail.attachments,
      messageId: mail.messageId,
      at,
    });
    if (!entry) return { status: "reply", created: false, ...target } as const;
    await markReplied(tx, target.kind, target.requestId, at);
    await enqueue(
      tx,
      jobs.postConversation,
      { entryId: entry.id, what: "entry" },
      { lane: slackLane(request.slackChannel ?? "unposted"), dedupeKey: `conversation-post:${entry.id}` },
    );
    await enqueueRefreshMessage(tx, target.kind, target.requestId, request.slackChannel);
    await recordAudit(tx, {
      actor: "system",
      action: `${target.kind}.reply_received`,
      entityType: target.kind,
      entityId: target.requestId,
      customerId: request.customer?.id ?? null,
      after: { entryId: entry.id },
    });
    return { status: "reply", created: true, ...target } as const;
  });
  if (result.status === "reply" && result.created) deps.notify?.();
  return result;
}
