import { textToHtml } from "../mail/html.ts";

/**
 * The answer e-mail: the member's text as written, then MAIL_SIGNATURE; plain text and a simple
 * HTML part with the same content (escaped). Headers (subject, names, ids) are made safe by the mailer.
 */
export function renderAnswerMail(input: { text: string; signature?: string | null }): {
  text: string;
  html: string;
} {
  const signature = input.signature?.replace(/\r\n?/g, "\n").trim();
  const body = signature ? `${input.text.trimEnd()}\n\n${signature}` : input.text.trimEnd();
  return { text: `${body}\n`, html: textToHtml(body) };
}
