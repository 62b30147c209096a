import { z } from "zod";
import { storableString } from "../fields.ts";
import { ANSWER_SUBJECT_MAX, ANSWER_TEXT_MAX } from "./limits.ts";

/** Betreff of an answer: one line (a header), not empty. */
export const answerSubject = storableString()
  .transform((s) => s.replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "Bitte einen Betreff eingeben.")
      .max(ANSWER_SUBJECT_MAX, `höchstens ${ANSWER_SUBJECT_MAX} Zeichen`),
  );

/** Nachricht of an answer: what the member wrote, as written (trimmed), at most Slack's 3,000 characters. */
export const answerText = storableString()
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, "Bitte eine Nachricht eingeben.")
      .max(ANSWER_TEXT_MAX, `höchstens ${ANSWER_TEXT_MAX} Zeichen`),
  );
