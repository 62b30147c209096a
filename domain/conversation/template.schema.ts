import { z } from "zod";
import { storableString } from "../fields.ts";
import { ANSWER_SUBJECT_MAX, ANSWER_TEXT_MAX, TEMPLATE_NAME_MAX } from "./limits.ts";
import { PLACEHOLDERS, unknownPlaceholders } from "./placeholders.ts";

const knownPlaceholdersOnly = (text: string, ctx: z.RefinementCtx) => {
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) {
    ctx.addIssue({
      code: "custom",
      message: `Unbekannter Platzhalter ${unknown.slice(0, 3).join(", ")}. Möglich sind ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}.`,
    });
  }
};

/** A template as typed into its modal: Name, Betreff, Text; only the four placeholders. */
export const templateInput = z.object({
  name: storableString()
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(1, "Bitte einen Namen eingeben.")
        .max(TEMPLATE_NAME_MAX, `höchstens ${TEMPLATE_NAME_MAX} Zeichen`),
    ),
  subject: storableString()
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(1, "Bitte einen Betreff eingeben.")
        .max(ANSWER_SUBJECT_MAX, `höchstens ${ANSWER_SUBJECT_MAX} Zeichen`)
        .superRefine(knownPlaceholdersOnly),
    ),
  text: storableString()
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, "Bitte einen Text eingeben.")
        .max(ANSWER_TEXT_MAX, `höchstens ${ANSWER_TEXT_MAX} Zeichen`)
        .superRefine(knownPlaceholdersOnly),
    ),
});
export type TemplateInput = z.output<typeof templateInput>;
