import { randomUUID } from "node:crypto";

/**
 * Message-IDs of the mails in a conversation (RFC 5322 `msg-id`: `<left@right>`). Ours are made
 * before the mail is queued, so that a reply can be matched even while the mail still waits for
 * SMTP. Those of outside mails are checked before they reach a header of ours.
 */

/** Printable ASCII without spaces and angle brackets, on both sides of one `@`: nothing a header could break on. */
const MSG_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]{1,250}@[\x21-\x3b\x3d\x3f-\x7e]{1,250}>$/;

export const isMessageId = (value: string): boolean => MSG_ID.test(value) && value.length <= 500;

/** The domain part of a Message-ID of ours: MAIL_FROM's domain, so that the id is unique worldwide. */
function domainOf(from: string | undefined): string {
  const domain = from?.match(/@([A-Za-z0-9.-]+)/)?.[1]?.replace(/\.$/, "");
  return domain && /\./.test(domain) ? domain.toLowerCase() : "kundenbot.invalid";
}

export function newMessageId(from: string | undefined): string {
  return `<${randomUUID()}@${domainOf(from)}>`;
}

/** `<a@b>` with or without brackets (mailparser keeps them, some clients drop them) → `<a@b>`, or undefined. */
export function normalizeMessageId(value: string | undefined | null): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const withBrackets = v.startsWith("<") ? v : `<${v}>`;
  return isMessageId(withBrackets) ? withBrackets : undefined;
}

/** The Message-IDs named in an In-Reply-To or References header (at most `max`, the newest last). */
export function messageIdsIn(header: string | string[] | undefined | null, max = 50): string[] {
  const text = Array.isArray(header) ? header.join(" ") : (header ?? "");
  const ids = text.slice(0, 20_000).match(/<[^<>\s]{1,500}>/g) ?? [];
  const valid = ids.filter(isMessageId);
  return valid.slice(Math.max(0, valid.length - max));
}
