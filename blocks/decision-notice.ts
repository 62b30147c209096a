import type { Decision } from "../domain/decisions/decision.ts";
import type { RequestKind } from "../domain/decisions/request-repository.ts";
import { slackDate } from "./format.ts";
import { escapeMrkdwn, userMention } from "./mrkdwn.ts";

const WHAT: Record<RequestKind, string> = { inquiry: "Diese Anfrage", invitation: "Diese Einladung" };

/** What was decided, by whom, when, for which customer: one mrkdwn line. */
export function decisionLine(d: Decision): string {
  const customer = d.customer
    ? ` – Kunde: *${escapeMrkdwn(d.customer.label)}*${d.customer.isNew ? " (neu angelegt)" : " (bestehender Kunde)"}`
    : "";
  const verb = { assigned: "zugeordnet", connected: "verbunden", declined: "abgelehnt" }[d.outcome];
  return `${verb.charAt(0).toUpperCase()}${verb.slice(1)} von ${userMention(d.by)} am ${slackDate(d.at)}${customer}`;
}

/** Told to a second decider: who decided it, and that nothing changed. */
export function alreadyDecidedText(kind: RequestKind, d: Decision): string {
  const verb = { assigned: "zugeordnet", connected: "verbunden", declined: "abgelehnt" }[d.outcome];
  const customer = d.customer ? ` (Kunde: *${escapeMrkdwn(d.customer.label)}*)` : "";
  return `${WHAT[kind]} wurde bereits von ${userMention(d.by)} am ${slackDate(d.at)} ${verb}${customer}. Es wurde nichts geändert.`;
}

/** Told in the invitation's thread when the decline e-mail was refused for good. */
export function declineMailFailedText(inv: {
  name: string;
  email: string;
  declineMailError: string | null;
}): string {
  const reason = inv.declineMailError ? `: ${escapeMrkdwn(inv.declineMailError.slice(0, 300))}` : "";
  return `:warning: Die Absage-E-Mail an ${escapeMrkdwn(inv.name)} (${escapeMrkdwn(inv.email)}) wurde vom Mailserver endgültig abgelehnt${reason}. Bitte informieren Sie die Person auf anderem Weg.`;
}
