import type {
  ActionsBlock,
  Button,
  KnownBlock,
  ModalView,
  MrkdwnElement,
  SectionBlock,
  StaticSelect,
} from "@slack/types";
import { stripInvisible } from "../domain/text/invisible.ts";
import { accessLevelLabel, slackDate } from "./format.ts";
import { ActionId, CallbackId } from "./ids.ts";
import { escapeMrkdwn, userMention } from "./mrkdwn.ts";
import { assignMemberButton } from "./requests/assign-member.ts";
import { answerButton, type ConversationMarks, conversationContext } from "./requests/conversation.ts";
import { type FollowUpForMessage, followUpButton, followUpContext } from "./requests/follow-up.ts";
import { type PhaseForMessage, phaseContext, phaseSelect } from "./requests/phase.ts";
import { type HolderForMessage, holderContext, triageButtons } from "./requests/triage.ts";
import { shorten } from "./truncate.ts";

/** The channel messages of new requests, open and decided. Pure: data in, Block Kit out. */

export interface InquiryForMessage
  extends HolderForMessage,
    ConversationMarks,
    PhaseForMessage,
    FollowUpForMessage {
  id: string;
  name: string;
  email: string;
  phone?: string | null;
  company?: string | null;
  message?: string | null;
  receivedAt: Date;
  source?: "api" | "manual" | "email";
  /** Slack user who recorded it by hand. */
  createdBy?: string | null;
  /** Of a mailed inquiry. */
  subject?: string | null;
  attachments?: string[];
}

export interface InvitationForMessage
  extends HolderForMessage,
    ConversationMarks,
    PhaseForMessage,
    FollowUpForMessage {
  id: string;
  name: string;
  email: string;
  company?: string | null;
  customerNumber?: string | null;
  accessLevel: "full" | "partial";
  message?: string | null;
  receivedAt: Date;
}

export interface RequestDecision {
  outcome: "assigned" | "connected" | "declined";
  /** Slack user id of who decided. */
  by: string;
  at: Date;
  customer?: { id: string; label: string; isNew: boolean };
  /** e.g. the personal message sent with a decline. */
  note?: string;
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface RequestMessageOptions {
  /** False in the ISV partner program: no invitation buttons at all. */
  invitationsEnabled?: boolean;
  /** DIGEST_TIMEZONE: the fallback text of the follow-up's time (default Europe/Berlin). */
  timeZone?: string;
}

const DEFAULT_TIME_ZONE = "Europe/Berlin";

/** Which request a "Ganze Nachricht" button belongs to; its value is `<type>:<id>`. */
export type RequestRef = { type: "inquiry" | "invitation"; id: string };
export const encodeRequestRef = (ref: RequestRef) => `${ref.type}:${ref.id}`;

/** Longer messages are shortened in the channel; the whole text is one click away. */
export const MESSAGE_PREVIEW_CHARS = 1500;

const OUTCOME_LABEL = {
  assigned: "Kunde zugeordnet",
  connected: "Kunde verbunden",
  declined: "Einladung abgelehnt",
} as const;

export function inquiryMessage(
  inquiry: InquiryForMessage,
  decision?: RequestDecision,
  opts: RequestMessageOptions = {},
): SlackMessage {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const who = requester(inquiry.name, inquiry.company);
  const fields = [
    field("Name", inquiry.name),
    field("Firma", inquiry.company),
    field("E-Mail", inquiry.email),
    field("Telefon", inquiry.phone),
    field("Betreff", inquiry.subject),
  ].filter((f): f is MrkdwnElement => f !== undefined);
  const blocks: KnownBlock[] = [
    header(`Neue Anfrage von ${inquiry.name}`),
    { type: "section", block_id: "request_contact", fields },
    ...messageBlocks(inquiry.message, { type: "inquiry", id: inquiry.id }),
    ...mailContext(inquiry),
    receivedContext(inquiry.receivedAt, inquiry.source === "manual" ? inquiry.createdBy : undefined),
    ...conversationContext(inquiry),
  ];
  if (decision)
    blocks.push(
      ...decisionBlocks(decision),
      phaseContext(inquiry),
      ...followUpContext(inquiry, timeZone),
      afterDecisionActions("inquiry", inquiry.id, inquiry),
    );
  else
    blocks.push(
      ...holderContext(inquiry, "request_holder"),
      phaseContext(inquiry),
      ...followUpContext(inquiry, timeZone),
      actions([button("Kunde hinzufügen", ActionId.assignRequestInquiry, inquiry.id, "primary")]),
      workActions("inquiry", inquiry.id, inquiry),
    );
  const text = decision
    ? `Anfrage von ${who}: ${OUTCOME_LABEL[decision.outcome]}`
    : `Neue Anfrage von ${who}`;
  return { text: shorten(text, 3000).text, blocks };
}

export function invitationMessage(
  invitation: InvitationForMessage,
  decision?: RequestDecision,
  opts: RequestMessageOptions = {},
): SlackMessage {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const who = requester(invitation.name, invitation.company);
  const access = accessLevelLabel(invitation.accessLevel);
  const fields = [
    field("Name", invitation.name),
    field("Firma", invitation.company),
    field("E-Mail", invitation.email),
    field("Kundennummer", invitation.customerNumber),
    { type: "mrkdwn", text: `*Zugriff*\n*${access}*` } as MrkdwnElement,
  ].filter((f): f is MrkdwnElement => f !== undefined);
  const blocks: KnownBlock[] = [
    header(`Neue Zugriffsfreigabe von ${invitation.name}`),
    { type: "section", block_id: "request_contact", fields },
    ...messageBlocks(invitation.message, { type: "invitation", id: invitation.id }),
    receivedContext(invitation.receivedAt, undefined),
    ...conversationContext(invitation),
  ];
  if (decision)
    blocks.push(
      ...decisionBlocks(decision),
      phaseContext(invitation),
      ...followUpContext(invitation, timeZone),
      afterDecisionActions("invitation", invitation.id, invitation),
    );
  else if (opts.invitationsEnabled !== false)
    blocks.push(
      ...holderContext(invitation, "request_holder"),
      phaseContext(invitation),
      ...followUpContext(invitation, timeZone),
      actions([
        button("Kunde verbinden", ActionId.assignRequestInvitation, invitation.id, "primary"),
        button("Einladung ablehnen", ActionId.declineInvitation, invitation.id, "danger"),
      ]),
      workActions("invitation", invitation.id, invitation),
    );
  const text = decision
    ? `Zugriffsfreigabe von ${who}: ${OUTCOME_LABEL[decision.outcome]}`
    : `Neue Zugriffsfreigabe (${access}) von ${who}`;
  return { text: shorten(text, 3000).text, blocks };
}

/** The modal behind "Ganze Nachricht": the whole text, as plain text, in sections of 3,000 characters. */
export function fullMessageModal(name: string, message: string): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: "context",
      elements: [{ type: "plain_text", text: shorten(`Nachricht von ${stripInvisible(name)}`, 3000).text }],
    },
  ];
  for (const chunk of chunks(message || "(keine Nachricht)", 3000)) {
    blocks.push({ type: "section", text: { type: "plain_text", text: chunk, emoji: false } });
  }
  return {
    type: "modal",
    callback_id: CallbackId.fullMessage,
    title: { type: "plain_text", text: "Nachricht" },
    close: { type: "plain_text", text: "Schließen" },
    blocks,
  };
}

/** "Name (Firma)", escaped for mrkdwn, for the top-level text (notifications); nothing invisible leads it. */
function requester(name: string, company: string | null | undefined): string {
  const raw = company ? `${name} (${company})` : name;
  return shorten(stripInvisible(raw), 500, escapeMrkdwn).text;
}

/** The first thing anyone reads of a request: no bidi or zero-width character may disguise the name. */
function header(text: string): KnownBlock {
  return {
    type: "header",
    text: { type: "plain_text", text: shorten(stripInvisible(text), 150).text, emoji: false },
  };
}

/** A labelled field; outside text escaped, and `verbatim` so that Slack links no URL or channel name in it. */
function field(label: string, value: string | null | undefined): MrkdwnElement | undefined {
  if (!value) return undefined;
  return { type: "mrkdwn", text: `*${label}*\n${shorten(value, 1900, escapeMrkdwn).text}`, verbatim: true };
}

function messageBlocks(message: string | null | undefined, ref: RequestRef): KnownBlock[] {
  if (!message || message.trim() === "") return [];
  const preview = shorten(message, MESSAGE_PREVIEW_CHARS);
  const section: SectionBlock = {
    type: "section",
    block_id: "request_message",
    // plain_text shows the prospect's text exactly as written: no mention, link or formatting.
    text: { type: "plain_text", text: preview.text, emoji: false },
  };
  if (preview.cut) {
    section.accessory = {
      type: "button",
      action_id: ActionId.showFullMessage,
      text: { type: "plain_text", text: "Ganze Nachricht" },
      value: encodeRequestRef(ref),
    };
  }
  return [section];
}

/** "per E-Mail" and the attachments' names: they stay in the mailbox, kundenbot keeps only the names. */
function mailContext(inquiry: InquiryForMessage): KnownBlock[] {
  if (inquiry.source !== "email") return [];
  const names = inquiry.attachments ?? [];
  const text = names.length
    ? `per E-Mail · ${names.length === 1 ? "1 Anhang" : `${names.length} Anhänge`} (im Postfach): ${names.join(", ")}`
    : "per E-Mail";
  return [
    {
      type: "context",
      block_id: "request_mail",
      elements: [{ type: "plain_text", text: shorten(text, 2000).text, emoji: false }],
    },
  ];
}

function receivedContext(at: Date, recordedBy: string | null | undefined): KnownBlock {
  const by = recordedBy ? ` · manuell erfasst von ${userMention(recordedBy)}` : "";
  return {
    type: "context",
    block_id: "request_received",
    // verbatim: a recorder that is no well-formed user id is shown as text, and must not link either.
    elements: [{ type: "mrkdwn", text: `Eingegangen ${slackDate(at)}${by}`, verbatim: true }],
  };
}

function decisionBlocks(d: RequestDecision): KnownBlock[] {
  const icon = d.outcome === "declined" ? ":x:" : ":white_check_mark:";
  let line = `${icon} *${OUTCOME_LABEL[d.outcome]}* von ${userMention(d.by)} ${slackDate(d.at)}`;
  if (d.customer) {
    const label = shorten(d.customer.label, 500, escapeMrkdwn).text;
    line += `\nKunde: „${label}“ (${d.customer.isNew ? "neu angelegt" : "bestehender Kunde"})`;
  }
  const decided: SectionBlock = {
    type: "section",
    block_id: "request_decision",
    // verbatim: the customer's label came from outside; a bare URL or #channel in it must stay text.
    text: { type: "mrkdwn", text: line, verbatim: true },
  };
  if (d.customer) {
    decided.accessory = button("Kundenkarte öffnen", ActionId.openCustomer, d.customer.id);
  }
  const blocks: KnownBlock[] = [decided];
  if (d.note) {
    blocks.push({
      type: "context",
      block_id: "request_decision_note",
      elements: [{ type: "plain_text", text: shorten(`Nachricht: ${d.note}`, 2000).text, emoji: false }],
    });
  }
  return blocks;
}

/**
 * A decided request can still be answered and moved through the pipeline: the conversation goes on
 * after the decision, and the phase is independent of it.
 */
function afterDecisionActions(type: "inquiry" | "invitation", id: string, r: PhaseForMessage): ActionsBlock {
  return {
    type: "actions",
    block_id: "request_conversation_actions",
    elements: [answerButton(type, id), followUpButton(type, id), phaseSelect(type, id, r)],
  };
}

/** The decision buttons, first and alone in their row (one primary). */
function actions(elements: Button[]): ActionsBlock {
  return { type: "actions", block_id: "request_actions", elements };
}

/**
 * The working controls of an undecided request in a row of their own, in the contract's order:
 * Übernehmen (or Abgeben), Antworten, Notiz, Wiedervorlage, Zuweisen, then the Phase select. Slack
 * wraps the row.
 */
function workActions(
  type: "inquiry" | "invitation",
  id: string,
  r: HolderForMessage & PhaseForMessage,
): ActionsBlock {
  const [take, note] = triageButtons(type, id, r);
  const elements: (Button | StaticSelect)[] = [
    take as Button,
    answerButton(type, id),
    note as Button,
    followUpButton(type, id),
    assignMemberButton(type, id),
    phaseSelect(type, id, r),
  ];
  return { type: "actions", block_id: "request_work", elements };
}

function button(text: string, actionId: string, value: string, style?: "primary" | "danger"): Button {
  return {
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text },
    value,
    ...(style ? { style } : {}),
  };
}

/** Splits text into pieces of at most `size` UTF-16 units without splitting a character. */
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const cut = shorten(rest, size + 1);
    if (!cut.cut) {
      out.push(rest);
      break;
    }
    const piece = cut.text.slice(0, -1); // drop the "…" marker: the next piece continues the text
    out.push(piece);
    rest = rest.slice(piece.length);
  }
  return out;
}
