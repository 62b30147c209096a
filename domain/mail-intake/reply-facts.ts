import type { ParsedMail } from "mailparser";
import { messageIdsIn } from "../conversation/message-id.ts";
import type { IncomingMail } from "../conversation/receive-reply.ts";
import type { InquiryInput } from "../inquiries/inquiry.schema.ts";
import { mailBodyText } from "./mail-text.ts";
import { stripQuotedHistory } from "./mail-to-inquiry.ts";

/**
 * What tells a reply from a new inquiry, read from a parsed mail next to its inquiry: the
 * Message-IDs it answers (In-Reply-To, References) and its new text (without quoted history and
 * signature, and without taking label lines out as an inquiry's message does).
 */
export interface ThreadFacts {
  inReplyTo: string[];
  references: string[];
  text: string;
}

const TEXT_MAX = 10_000;

export function threadFactsOf(
  mail: Pick<ParsedMail, "inReplyTo" | "references" | "text" | "html">,
): ThreadFacts {
  const text = stripQuotedHistory(mailBodyText(mail.text, mail.html));
  return {
    inReplyTo: messageIdsIn(mail.inReplyTo),
    references: messageIdsIn(mail.references),
    text:
      Array.from(text).length > TEXT_MAX
        ? `${Array.from(text)
            .slice(0, TEXT_MAX - 1)
            .join("")}…`
        : text,
  };
}

/** The mail as a possible reply: its sender and subject as the inquiry read them, and its thread facts. */
export function incomingMailOf(input: {
  input: InquiryInput;
  subject: string | null;
  attachments: string[];
  thread: ThreadFacts;
}): IncomingMail {
  return {
    messageId: input.input.externalId ?? "",
    inReplyTo: input.thread.inReplyTo,
    references: input.thread.references,
    address: input.input.email,
    name: input.input.name,
    subject: input.subject,
    text: input.thread.text,
    attachments: input.attachments,
  };
}
