import type { Logger } from "pino";
import type { IncomingMail, ReplyResult } from "../../domain/conversation/receive-reply.ts";
import type { IntakeService } from "../../domain/intake/intake-service.ts";
import type { MailIntake } from "../../domain/mail-intake/mail-to-inquiry.ts";
import { incomingMailOf } from "../../domain/mail-intake/reply-facts.ts";

export interface StoreMailDeps {
  intake: IntakeService;
  /** Replies to mails kundenbot sent go into their request's thread instead of becoming inquiries. */
  replies?: { receiveReply(mail: IncomingMail): Promise<ReplyResult> };
  log: Logger;
}

/**
 * The mailbox's step for a mail that was read as an inquiry: a reply to a mail of a conversation
 * is stored with its request, anything else becomes an inquiry. The mailbox watcher runs it for
 * every mail; the sandbox's **Antwort simulieren** runs it too, so that both take the same path.
 */
export async function storeReadMail(
  deps: StoreMailDeps,
  read: Extract<MailIntake, { kind: "inquiry" }>,
  context: Record<string, unknown> = {},
): Promise<{ as: "reply" | "inquiry"; created: boolean }> {
  const reply = await deps.replies?.receiveReply(incomingMailOf(read));
  if (reply?.status === "reply") {
    deps.log.info(
      { ...context, request: reply.requestId, kind: reply.kind, created: reply.created },
      reply.created ? "mail stored as a reply" : "reply was stored before; moving it",
    );
    return { as: "reply", created: reply.created };
  }
  const stored = await deps.intake.receiveInquiry(read.input, {
    source: "email",
    mail: { subject: read.subject, attachments: read.attachments },
  });
  deps.log.info(
    { ...context, inquiryId: stored.id, created: stored.created, attachments: read.attachments.length },
    stored.created ? "mail stored as an inquiry" : "mail was stored before; moving it",
  );
  return { as: "inquiry", created: stored.created };
}
