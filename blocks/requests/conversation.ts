import type { Button, ContextBlock, KnownBlock } from "@slack/types";
import { stripInvisible } from "../../domain/text/invisible.ts";
import { plain, slackDate } from "../format.ts";
import { ActionId } from "../ids.ts";
import { escapeMrkdwn, userMention } from "../mrkdwn.ts";
import { shorten } from "../truncate.ts";

/** The conversation's marks on a request, as the message builders get them. */
export interface ConversationMarks {
  answeredBy?: string | null;
  answeredAt?: Date | null;
  repliedAt?: Date | null;
}

/** **Antworten** on every request message (open, taken or decided); value: `<type>:<id>`. */
export function answerButton(type: "inquiry" | "invitation", id: string): Button {
  return {
    type: "button",
    action_id: ActionId.answerRequest,
    text: { type: "plain_text", text: "Antworten" },
    value: `${type}:${id}`,
  };
}

/** "beantwortet von <@U…> …" and "Antwort erhalten …": nothing while there is no conversation. */
export function conversationContext(r: ConversationMarks): ContextBlock[] {
  const parts: string[] = [];
  if (r.answeredBy && r.answeredAt) {
    parts.push(`:outbox_tray: beantwortet von ${userMention(r.answeredBy)} ${slackDate(r.answeredAt)}`);
  }
  if (r.repliedAt) parts.push(`:inbox_tray: Antwort erhalten ${slackDate(r.repliedAt)}`);
  if (parts.length === 0) return [];
  return [
    {
      type: "context",
      block_id: "request_conversation",
      elements: [{ type: "mrkdwn", text: parts.join(" · "), verbatim: true }],
    },
  ];
}

export interface EntryForThread {
  direction: "outbound" | "inbound";
  author: string | null;
  name: string;
  address: string;
  subject: string;
  text: string;
  attachments: string[];
  mailError?: string | null;
}

const TEXT_MAX = 3000;

/**
 * An answer ("Antwort an <name> von <@U…>") or a reply ("Antwort von <name>") in the request's
 * thread: who in mrkdwn (names escaped, verbatim), subject and text as plain_text, so that neither
 * the prospect's nor the member's text can ping, link or format.
 */
export function conversationThreadMessage(e: EntryForThread): { text: string; blocks: KnownBlock[] } {
  const name = shorten(stripInvisible(e.name), 200, escapeMrkdwn).text;
  const head =
    e.direction === "outbound"
      ? `:outbox_tray: *Antwort an ${name}*${e.author ? ` von ${userMention(e.author)}` : ""}`
      : `:inbox_tray: *Antwort von ${name}*`;
  const body = shorten(e.text || "(ohne Text)", TEXT_MAX);
  const blocks: KnownBlock[] = [
    { type: "section", block_id: "conversation_head", text: { type: "mrkdwn", text: head, verbatim: true } },
    {
      type: "context",
      block_id: "conversation_subject",
      elements: [plain(`Betreff: ${e.subject || "(ohne Betreff)"}`, 2000)],
    },
    {
      type: "section",
      block_id: "conversation_text",
      text: { type: "plain_text", text: body.text, emoji: false },
    },
  ];
  const notes: string[] = [];
  if (body.cut) notes.push("Gekürzt: der ganze Text steht auf der Kundenkarte und in der Auskunft.");
  if (e.attachments.length > 0) {
    notes.push(
      `${e.attachments.length === 1 ? "1 Anhang" : `${e.attachments.length} Anhänge`} (im Postfach): ${e.attachments.join(", ")}`,
    );
  }
  if (notes.length > 0) {
    blocks.push({
      type: "context",
      block_id: "conversation_notes",
      elements: notes.map((n) => plain(n, 2000)),
    });
  }
  const who = stripInvisible(e.name);
  const text =
    e.direction === "outbound"
      ? `Antwort an ${who}${e.author ? ` von ${userMention(e.author)}` : ""}`
      : `Antwort von ${who}`;
  return { text: shorten(text, 3000, escapeMrkdwn).text, blocks };
}

/** Told in the thread when the mail server refused an answer for good. */
export function answerMailFailedMessage(e: EntryForThread): { text: string; blocks: KnownBlock[] } {
  const line = `Die Antwort an ${stripInvisible(e.name)} (${e.address}) wurde vom Mailserver endgültig abgelehnt: ${e.mailError ?? "unbekannter Fehler"}`;
  return {
    text: shorten(stripInvisible(line), 3000, escapeMrkdwn).text,
    blocks: [
      {
        type: "section",
        block_id: "conversation_mail_failed",
        text: { type: "plain_text", text: shorten(`⚠️ ${line}`, 3000).text, emoji: false },
      },
    ],
  };
}
