import type { KnownBlock } from "@slack/types";
import type { MailIntakeStatus } from "../../domain/mail-intake/mail-intake-status.ts";
import { slackDate } from "../format.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";
import { shorten } from "../truncate.ts";

/** The mailbox watcher's state as the App Home shows it to members: one context line. Pure. */

/** What of the watcher's state the line shows. */
export type MailIntakeState = Pick<
  MailIntakeStatus,
  "state" | "mailbox" | "idle" | "lastMailAt" | "lastError" | "lastErrorAt"
>;

export function mailIntakeStatusBlock(s: MailIntakeState): KnownBlock {
  const mailbox = escapeMrkdwn(s.mailbox);
  const last = s.lastMailAt ? ` · letzte Mail ${slackDate(new Date(s.lastMailAt))}` : "";
  let text: string;
  switch (s.state) {
    case "connected":
      text = `:incoming_envelope: *E-Mail-Eingang:* verbunden mit ${mailbox}${s.idle ? "" : " (Abruf jede Minute)"}${last}`;
      break;
    case "standby":
      text = `:incoming_envelope: *E-Mail-Eingang:* eine andere Instanz liest ${mailbox}`;
      break;
    case "error": {
      const since = s.lastErrorAt ? ` (${slackDate(new Date(s.lastErrorAt))})` : "";
      const why = s.lastError ? `: ${shorten(s.lastError, 300, escapeMrkdwn).text}` : "";
      text = `:warning: *E-Mail-Eingang:* Postfach ${mailbox} nicht erreichbar${since}${why}. Neuer Versuch läuft${last}`;
      break;
    }
    default:
      text = `:incoming_envelope: *E-Mail-Eingang:* verbindet mit ${mailbox} …`;
  }
  return { type: "context", block_id: "home_mail_intake", elements: [{ type: "mrkdwn", text }] };
}
