import { storableString } from "../fields.ts";

/** The most a note may hold: Slack's plain_text_input limit, and what a thread message shows whole. */
export const NOTE_MAX_CHARS = 3000;

/** A note as typed into the Notiz modal: trimmed, not empty, at most 3,000 characters, storable. */
export const noteText = storableString()
  .trim()
  .min(1, "Bitte eine Notiz eingeben.")
  .max(NOTE_MAX_CHARS, `höchstens ${NOTE_MAX_CHARS} Zeichen`);
