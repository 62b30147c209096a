import { readdirSync, readFileSync } from "node:fs";
import type { SlackStandin } from "../support/slack-standin.ts";

/** Helpers of the e-mail intake tests: fixture mails, generated mails, and the channel posts they became. */

const FIXTURES = new URL("../fixtures/mails/", import.meta.url);

export const fixtureNames = () =>
  readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".eml"))
    .sort();
export const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));

/** Fixtures that are inquiries, and those that go to `ignoriert` with the reason logged. */
export const IGNORED_FIXTURES: Record<string, string> = {
  "07-abwesenheitsnotiz.eml": "auto-reply",
  "08-bounce.eml": "bounce",
  "12-ohne-absender.eml": "no-address",
  "13-eigene-mail.eml": "own-mail",
  "14-newsletter-bulk.eml": "auto-reply",
};

/** The Message-ID that a fixture carries. */
export const messageIdOf = (raw: Buffer) =>
  /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString("latin1"))?.[1] ?? "";

/** A contact-form mail with a unique Message-ID and subject (`tag` appears in both). */
export function contactFormMail(tag: string, opts: { autoReply?: boolean } = {}): string {
  return [
    `From: Kontaktformular <formular@agentur-beispiel.de>`,
    `Reply-To: Kunde ${tag} <kunde-${tag.toLowerCase()}@beispiel-kunde.de>`,
    "To: anfragen@agentur-beispiel.de",
    `Subject: Anfrage ${tag}`,
    `Message-ID: <${tag}@test.kundenbot>`,
    "Date: Wed, 02 Dec 2026 09:00:00 +0100",
    ...(opts.autoReply ? ["Auto-Submitted: auto-replied"] : []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    `Name: Kunde ${tag}`,
    "Telefon: 030 123456",
    `Nachricht: Bitte um ein Angebot (${tag}).`,
    "",
  ].join("\n");
}

/** Channel posts (answered ok) whose blocks contain `text`. */
export function postsWith(standin: SlackStandin, text: string) {
  return standin.okCallsOf("chat.postMessage").filter((c) => String(c.args.blocks).includes(text));
}

/** Log lines (JSON) of the mail intake that contain `text`. */
export function logLinesWith(logs: string[], text: string) {
  return logs.filter((l) => l.includes('"module":"mail-intake"') && l.includes(text));
}

/** Polls `check` until it holds, or throws after `timeoutMs` naming `what`. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
