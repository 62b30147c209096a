import type { Button, ContextBlock, KnownBlock, ModalView } from "@slack/types";
import type { DueTime } from "../../domain/follow-ups/due-time.ts";
import { FOLLOW_UP_DEFAULT_TIME, FOLLOW_UP_NOTE_MAX_CHARS } from "../../domain/follow-ups/limits.ts";
import { stripInvisible } from "../../domain/text/invisible.ts";
import { localDateTime } from "../../domain/time/calendar.ts";
import { plain, slackTime } from "../format.ts";
import { ActionId, CallbackId, FollowUpBlock } from "../ids.ts";
import { escapeMrkdwn, userMention } from "../mrkdwn.ts";
import { shorten } from "../truncate.ts";

const pad = (n: number) => String(n).padStart(2, "0");

/** The action_id of every input of the modal Wiedervorlage. */
export const FOLLOW_UP_INPUT_ACTION = "value";

/** A request's follow-up as the message shows it. */
export interface FollowUpForMessage {
  followUpDueAt?: Date | null;
}

/** **Wiedervorlage** on a request; value: `<type>:<id>`. */
export function followUpButton(type: "inquiry" | "invitation", id: string): Button {
  return {
    type: "button",
    action_id: ActionId.followUp,
    text: { type: "plain_text", text: "Wiedervorlage" },
    value: `${type}:${id}`,
  };
}

/** "31.12.2026, 09:00" in `timeZone` (the fallback of `<!date>`, and the modal's texts). */
export function wallTimeLabel(at: Date, timeZone: string): string {
  const l = localDateTime(at, timeZone);
  return `${pad(l.day)}.${pad(l.month)}.${l.year}, ${pad(l.hour)}:${pad(l.minute)}`;
}

/** The follow-up's time: in each reader's time zone, the fallback in DIGEST_TIMEZONE. */
export function followUpTime(at: Date, timeZone: string): string {
  return slackTime(at, "{date_short_pretty} um {time}", `${wallTimeLabel(at, timeZone)} Uhr`);
}

/** "Wiedervorlage: 31.12.2026 um 09:00" on the message, when the request has one. */
export function followUpContext(r: FollowUpForMessage, timeZone: string): ContextBlock[] {
  if (!r.followUpDueAt) return [];
  return [
    {
      type: "context",
      block_id: "request_follow_up",
      elements: [
        { type: "mrkdwn", text: `:date: Wiedervorlage: *${followUpTime(r.followUpDueAt, timeZone)}*` },
      ],
    },
  ];
}

/** What the modal is prefilled with: the request's follow-up, if it has one. */
export interface FollowUpPrefill {
  dueAt: Date;
  note: string | null;
}

/**
 * The modal **Wiedervorlage**: Datum (required), Uhrzeit (optional, 09:00, in DIGEST_TIMEZONE),
 * Notiz (optional); with an existing follow-up prefilled and **Wiedervorlage löschen** below.
 */
export function followUpModal(input: {
  privateMetadata: string;
  ref: string;
  timeZone: string;
  existing: FollowUpPrefill | null;
}): ModalView {
  const existing = input.existing;
  const local = existing ? localDateTime(existing.dueAt, input.timeZone) : null;
  const blocks: KnownBlock[] = [
    {
      type: "input",
      block_id: FollowUpBlock.date,
      label: plain("Datum", 2000),
      element: {
        type: "datepicker",
        action_id: FOLLOW_UP_INPUT_ACTION,
        ...(local ? { initial_date: `${local.year}-${pad(local.month)}-${pad(local.day)}` } : {}),
        placeholder: plain("Datum wählen", 150),
      },
    },
    {
      type: "input",
      block_id: FollowUpBlock.time,
      optional: true,
      label: plain("Uhrzeit", 2000),
      hint: plain(`Ohne Angabe ${FOLLOW_UP_DEFAULT_TIME} Uhr (Zeitzone ${input.timeZone}).`, 2000),
      element: {
        type: "timepicker",
        action_id: FOLLOW_UP_INPUT_ACTION,
        initial_time: local ? `${pad(local.hour)}:${pad(local.minute)}` : FOLLOW_UP_DEFAULT_TIME,
        timezone: input.timeZone,
      },
    },
    {
      type: "input",
      block_id: FollowUpBlock.note,
      optional: true,
      label: plain("Notiz", 2000),
      hint: plain("Erscheint mit der Wiedervorlage im Thread der Anfrage.", 2000),
      element: {
        type: "plain_text_input",
        action_id: FOLLOW_UP_INPUT_ACTION,
        multiline: true,
        max_length: FOLLOW_UP_NOTE_MAX_CHARS,
        ...(existing?.note ? { initial_value: existing.note } : {}),
      },
    },
  ];
  if (existing) {
    blocks.push({
      type: "actions",
      block_id: FollowUpBlock.delete,
      elements: [
        {
          type: "button",
          action_id: ActionId.deleteFollowUp,
          text: plain("Wiedervorlage löschen", 75),
          style: "danger",
          value: input.ref,
        },
      ],
    });
  }
  return {
    type: "modal",
    callback_id: CallbackId.followUp,
    private_metadata: input.privateMetadata,
    title: plain("Wiedervorlage", 24),
    submit: plain("Speichern", 24),
    close: plain("Abbrechen", 24),
    blocks,
  };
}

/** The confirmation after saving, when the time was moved by a daylight-saving change. */
export function shiftedNotice(asked: { date: string; time: string }, due: DueTime, timeZone: string): string {
  return `Die Uhrzeit ${escapeMrkdwn(asked.time)} gibt es am ${escapeMrkdwn(asked.date.split("-").reverse().join("."))} nicht (Zeitumstellung). Die Wiedervorlage ist auf ${wallTimeLabel(due.dueAt, timeZone)} Uhr gesetzt.`;
}

/**
 * "Wiedervorlage für <@U…>: <Notiz>" in the request's thread; late ("verspätet, fällig war …") when
 * it is posted well after its time (the bot was down). The note is typed by a member but may hold
 * pasted outside text: escaped, in a verbatim section.
 */
export function followUpThreadMessage(input: {
  mention: string;
  note: string | null;
  dueAt: Date;
  late: boolean;
  timeZone: string;
}): { text: string; blocks: KnownBlock[] } {
  const title = input.late
    ? `Wiedervorlage (verspätet, fällig war ${followUpTime(input.dueAt, input.timeZone)})`
    : "Wiedervorlage";
  const prefix = `${title} für ${userMention(input.mention)}`;
  const note = (t: string | null) => (t ? `: ${shorten(t, 2500, escapeMrkdwn).text}` : "");
  return {
    // The notification's text: nothing invisible may disguise what it says.
    text: `:date: ${prefix}${note(input.note && stripInvisible(input.note))}`,
    blocks: [
      {
        type: "section",
        block_id: "request_follow_up",
        text: { type: "mrkdwn", text: `:date: ${prefix}${note(input.note)}`, verbatim: true },
      },
    ],
  };
}
