import { storableString } from "../fields.ts";
import { NOTE_MAX_CHARS } from "./note-limits.ts";

/** A note as typed into the Notiz modal: trimmed, not empty, at most 3,000 characters, storable. */
export const noteText = storableString()
  .trim()
  .min(1, "Bitte eine Notiz eingeben.")
  .max(NOTE_MAX_CHARS, `höchstens ${NOTE_MAX_CHARS} Zeichen`);
