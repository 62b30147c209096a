import { z } from "zod";

/** Optional text: trimmed, empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `höchstens ${max} Zeichen`)
    .nullish()
    .transform((v) => (v ? v : null));

/** An optional calendar day as `YYYY-MM-DD` (what a date picker sends), stored as midnight UTC. */
export const optionalDate = z.iso
  .date("kein gültiges Datum")
  .nullish()
  .transform((v) => (v ? new Date(`${v}T00:00:00Z`) : null));
