import type { ContextBlock, KnownBlock, ModalView } from "@slack/types";
import { stripInvisible } from "../../domain/text/invisible.ts";
import { NOTE_MAX_CHARS } from "../../domain/triage/note-limits.ts";
import { plain, slackTime } from "../format.ts";
import { CallbackId, NoteBlock } from "../ids.ts";
import { escapeMrkdwn, userMention } from "../mrkdwn.ts";
import { shorten } from "../truncate.ts";

/** The action_id of the Notiz input. */
export const NOTE_INPUT_ACTION = "value";

export interface NoteForMessage {
  author: string;
  text: string;
  createdAt: Date;
}

/** **Notiz** on a request: one multi-line field; `private_metadata` says which request. */
export function addNoteModal(privateMetadata: string): ModalView {
  return {
    type: "modal",
    callback_id: CallbackId.addNote,
    private_metadata: privateMetadata,
    title: plain("Notiz", 24),
    submit: plain("Speichern", 24),
    close: plain("Abbrechen", 24),
    blocks: [
      {
        type: "input",
        block_id: NoteBlock.text,
        label: plain("Notiz", 2000),
        hint: plain("Erscheint im Thread der Anfrage und auf der Kundenkarte.", 2000),
        element: {
          type: "plain_text_input",
          action_id: NOTE_INPUT_ACTION,
          multiline: true,
          max_length: NOTE_MAX_CHARS,
        },
      },
    ],
  };
}

/**
 * "Notiz von <@U…>: …" in the request's thread. The note is typed by a member but may hold pasted
 * outside text: escaped, and in a verbatim section so that no URL, #channel or @name links (the
 * top-level text, for notifications, is escaped too). Escaping can make 3,000 characters longer
 * than a section holds: then the post is cut, and the whole note stays on the customer card.
 */
export function noteThreadMessage(note: NoteForMessage): { text: string; blocks: KnownBlock[] } {
  const prefix = `Notiz von ${userMention(note.author)}: `;
  const body = shorten(note.text, 3000 - prefix.length - 8, escapeMrkdwn).text;
  return {
    // The notification's text: nothing invisible may disguise what it says.
    text: `${prefix}${shorten(stripInvisible(note.text), 3000 - prefix.length - 8, escapeMrkdwn).text}`,
    blocks: [
      {
        type: "section",
        block_id: "request_note",
        text: { type: "mrkdwn", text: `:memo: ${prefix}${body}`, verbatim: true },
      },
    ],
  };
}
