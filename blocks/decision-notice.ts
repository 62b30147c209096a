import type { KnownBlock } from "@slack/types";
import type { Decision } from "../domain/decisions/decision.ts";
import type { RequestKind } from "../domain/requests/request-kind.ts";

import { stripInvisible } from "../domain/text/invisible.ts";
import { slackDate } from "./format.ts";
import { escapeMrkdwn, userMention } from "./mrkdwn.ts";

const WHAT: Record<RequestKind, string> = { inquiry: "Diese Anfrage", invitation: "Diese Einladung" };

/** What was decided, by whom, when, for which customer: one mrkdwn line (the label in quotes, not bold: see escapeMrkdwn). */
export function decisionLine(d: Decision): string {
  const customer = d.customer
    ? ` – Kunde: „${escapeMrkdwn(d.customer.label)}“${d.customer.isNew ? " (neu angelegt)" : " (bestehender Kunde)"}`
    : "";
  const verb = { assigned: "zugeordnet", connected: "verbunden", declined: "abgelehnt" }[d.outcome];
  return `${verb.charAt(0).toUpperCase()}${verb.slice(1)} von ${userMention(d.by)} (${slackDate(d.at)})${customer}`;
}

/** Told to a second decider: who decided it, and that nothing changed. */
export function alreadyDecidedText(kind: RequestKind, d: Decision): string {
  const verb = { assigned: "zugeordnet", connected: "verbunden", declined: "abgelehnt" }[d.outcome];
  const customer = d.customer ? `, Kunde: „${escapeMrkdwn(d.customer.label)}“` : "";
  return `${WHAT[kind]} hat ${userMention(d.by)} bereits ${verb} (${slackDate(d.at)}${customer}). Es wurde nichts geändert.`;
}

interface RefusedDeclineMail {
  name: string;
  email: string;
  declineMailError: string | null;
}

/** Told in the invitation's thread when the decline e-mail was refused for good. */
export function declineMailFailedText(inv: RefusedDeclineMail): string {
  const reason = inv.declineMailError
    ? `: ${escapeMrkdwn(stripInvisible(inv.declineMailError).slice(0, 300))}`
    : "";
  return `:warning: Die Absage-E-Mail an ${escapeMrkdwn(stripInvisible(inv.name))} (${escapeMrkdwn(inv.email)}) wurde vom Mailserver endgültig abgelehnt${reason}. Bitte informieren Sie die Person auf anderem Weg.`;
}

/**
 * The thread message for a refused decline e-mail. A message's top-level text cannot be made
 * verbatim, so the text shows in a verbatim mrkdwn section (a name like `https://evil.example` or
 * `#allgemein` stays text); the top-level text remains for notifications.
 */
export function declineMailFailedMessage(inv: RefusedDeclineMail): { text: string; blocks: KnownBlock[] } {
  const text = declineMailFailedText(inv);
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text, verbatim: true } }] };
}
