import type { Button, ContextBlock, KnownBlock } from "@slack/types";
import { slackDate } from "../format.ts";
import { ActionId } from "../ids.ts";
import { userMention } from "../mrkdwn.ts";
import { waitingSince } from "../texts/relative-time.ts";

/** Who holds an undecided request (Übernehmen), as the builders get it. */
export interface HolderForMessage {
  takenBy?: string | null;
  takenAt?: Date | null;
}

/** `<type>:<id>`, the value of every triage button (handlers parse it with requestRef). */
const refValue = (type: "inquiry" | "invitation", id: string) => `${type}:${id}`;

/** "in Bearbeitung: <@U…> seit …", or nothing while nobody holds the request. */
export function holderText(r: HolderForMessage): string | undefined {
  if (!r.takenBy || !r.takenAt) return undefined;
  return `:hammer_and_wrench: in Bearbeitung: ${userMention(r.takenBy)} seit ${slackDate(r.takenAt)}`;
}

export function holderContext(r: HolderForMessage, blockId: string): ContextBlock[] {
  const text = holderText(r);
  // verbatim: a holder that is no well-formed user id is shown as escaped text and must not link.
  return text
    ? [{ type: "context", block_id: blockId, elements: [{ type: "mrkdwn", text, verbatim: true }] }]
    : [];
}

/** **Übernehmen**, or **Abgeben** while someone holds the request, and **Notiz**. */
export function triageButtons(type: "inquiry" | "invitation", id: string, r: HolderForMessage): Button[] {
  const value = refValue(type, id);
  const taken = Boolean(r.takenBy);
  return [
    {
      type: "button",
      action_id: taken ? ActionId.releaseRequest : ActionId.takeRequest,
      text: { type: "plain_text", text: taken ? "Abgeben" : "Übernehmen" },
      value,
    },
    { type: "button", action_id: ActionId.addNote, text: { type: "plain_text", text: "Notiz" }, value },
  ];
}

const WHAT = { inquiry: "Diese Anfrage", invitation: "Diese Einladung" } as const;

/** Told to someone whose Übernehmen or Abgeben found the request held by another member. */
export function takenByOtherText(kind: "inquiry" | "invitation", holder: { by: string; at: Date }): string {
  return `${WHAT[kind]} hat bereits ${userMention(holder.by)} übernommen (seit ${slackDate(holder.at)}). Nur ${userMention(holder.by)} kann sie abgeben.`;
}

export function notTakenText(kind: "inquiry" | "invitation"): string {
  return `${WHAT[kind]} hat gerade niemand übernommen.`;
}

export function takenText(kind: "inquiry" | "invitation"): string {
  return `Sie haben ${WHAT[kind].replace("Diese", "diese")} übernommen.`;
}

export function releasedText(kind: "inquiry" | "invitation"): string {
  return `Sie haben ${WHAT[kind].replace("Diese", "diese")} abgegeben.`;
}

/**
 * The reminder in a request's thread: how long it has waited, and who has it (mentioned, so they
 * are notified) or that nobody has it yet. Never `@channel` or `@here`: a reminder is no alarm.
 */
export function reminderMessage(input: {
  kind: "inquiry" | "invitation";
  receivedAt: Date;
  now: Date;
  holder?: { by: string; at: Date };
}): { text: string; blocks: KnownBlock[] } {
  const who = input.holder
    ? `In Bearbeitung: ${userMention(input.holder.by)}.`
    : "Noch hat sie niemand übernommen.";
  const text = `:alarm_clock: Erinnerung: ${WHAT[input.kind]} wartet ${waitingSince(input.receivedAt, input.now)} auf eine Entscheidung. ${who}`;
  return {
    text,
    blocks: [
      { type: "section", block_id: "request_reminder", text: { type: "mrkdwn", text, verbatim: true } },
    ],
  };
}
