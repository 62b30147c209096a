import { recordAudit } from "../audit/audit-repository.ts";
import type { Db, PrismaClient } from "../db.ts";
import { findRequestForDecision } from "../decisions/request-repository.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import { slackLane } from "../outbox/outbox-repository.ts";
import { enqueueRefreshMessage } from "../requests/refresh-message.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import type { AnswerSent, AnswerSentHook } from "./answer-events.ts";
import { renderAnswerMail } from "./answer-mail.ts";
import {
  createOutboundEntry,
  findOriginalMessageId,
  listMessageIds,
  markAnswered,
  type StoredEntry,
} from "./conversation-repository.ts";
import { isMessageId, newMessageId } from "./message-id.ts";

export interface AnswerDeps {
  db: PrismaClient;
  now: () => Date;
  /** Wakes the outbox worker after the commit. */
  notify?: () => void;
  mail: { from?: string; signature?: string | null };
  /** Run inside the answer's transaction (pipeline, webhooks): answer-events.ts. */
  onAnswerSent?: AnswerSentHook[];
}

export type SendAnswerResult =
  | { status: "sent"; entry: StoredEntry; event: AnswerSent }
  | { status: "not_found" };

/** How many Message-IDs an answer's References name at most (the original and the newest). */
const REFERENCES_MAX = 10;

/**
 * In-Reply-To and References of an answer: the prospect's newest mail of the conversation (their
 * reply, else the mail the request came with), and the chain of the conversation's mails.
 */
export async function threadHeaders(db: Db, kind: RequestKind, requestId: string) {
  const original = await findOriginalMessageId(db, kind, requestId);
  const entries = await listMessageIds(db, kind, requestId);
  const chain = [original?.messageId, ...entries.map((e) => e.messageId)].filter(
    (id): id is string => typeof id === "string" && isMessageId(id),
  );
  const theirs = [
    original?.messageId,
    ...entries.filter((e) => e.direction === "inbound").map((e) => e.messageId),
  ]
    .filter((id): id is string => typeof id === "string" && isMessageId(id))
    .at(-1);
  const references =
    chain.length > REFERENCES_MAX ? [chain[0] as string, ...chain.slice(-(REFERENCES_MAX - 1))] : chain;
  return { inReplyTo: theirs, references };
}

/**
 * Antworten → Senden: the answer is stored as a conversation entry with its own Message-ID, and in
 * the same transaction its mail (through the outbox: exactly once, through SMTP outages and
 * restarts), its thread post and the refresh of the request's message are queued; the request
 * remembers who answered last and when it was first answered.
 */
export async function sendAnswer(
  deps: AnswerDeps,
  input: { kind: RequestKind; requestId: string; author: string; subject: string; text: string },
): Promise<SendAnswerResult> {
  const at = deps.now();
  const result = await deps.db.$transaction(async (tx) => {
    const request = await findRequestForDecision(tx, input.kind, input.requestId);
    if (!request || request.erasedAt) return { status: "not_found" } as const;
    const headers = await threadHeaders(tx, input.kind, input.requestId);
    const messageId = newMessageId(deps.mail.from);
    const entry = await createOutboundEntry(tx, {
      kind: input.kind,
      requestId: input.requestId,
      author: input.author,
      address: request.email,
      name: request.name,
      subject: input.subject,
      text: input.text,
      messageId,
      at,
    });
    const first = await markAnswered(tx, input.kind, input.requestId, input.author, at);
    const mail = renderAnswerMail({ text: input.text, signature: deps.mail.signature });
    await enqueue(
      tx,
      jobs.sendMail,
      {
        to: { name: request.name, address: request.email },
        subject: input.subject,
        ...mail,
        entryId: entry.id,
        messageId,
        ...(headers.inReplyTo ? { inReplyTo: headers.inReplyTo } : {}),
        ...(headers.references.length ? { references: headers.references } : {}),
      },
      { lane: "mail", dedupeKey: `answer-mail:${entry.id}` },
    );
    const lane = slackLane(request.slackChannel ?? "unposted");
    await enqueue(
      tx,
      jobs.postConversation,
      { entryId: entry.id, what: "entry" },
      { lane, dedupeKey: `conversation-post:${entry.id}` },
    );
    await enqueueRefreshMessage(tx, input.kind, input.requestId, request.slackChannel);
    await recordAudit(tx, {
      actor: input.author,
      action: `${input.kind}.answered`,
      entityType: input.kind,
      entityId: input.requestId,
      customerId: request.customer?.id ?? null,
      // The entry's id, not the text: the audit log keeps no personal data of its own.
      after: { entryId: entry.id, first },
    });
    const event: AnswerSent = {
      kind: input.kind,
      requestId: input.requestId,
      entryId: entry.id,
      by: input.author,
      at,
      receivedAt: request.receivedAt,
      first,
    };
    for (const hook of deps.onAnswerSent ?? []) await hook(tx, event);
    return { status: "sent", entry, event } as const;
  });
  if (result.status === "sent") deps.notify?.();
  return result;
}
