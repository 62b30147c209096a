import { z } from "zod";
import { canonicalEmail, isEmailAddress } from "./text/email-address.ts";

/**
 * A NUL character, or half of a UTF-16 surrogate pair. PostgreSQL refuses NUL in text (an error,
 * so a 500 that integrators retry forever) and cannot encode a lone surrogate (the driver turns it
 * into U+FFFD, so the text would silently change). Both are refused at the edge instead.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (text: string): boolean =>
  !text.includes("\u0000") && !LONE_SURROGATE.test(text);

/** What a modal shows under a field with such a character. */
export const UNSTORABLE_TEXT_DE =
  "Enthält ein Zeichen, das nicht gespeichert werden kann (Nullzeichen oder ungültiges Unicode). Bitte neu eingeben.";

/** A string that PostgreSQL can store as it is; `message` says why not (German in modals, English in the API). */
export const storableString = (message: string = UNSTORABLE_TEXT_DE) =>
  z.string().refine(isStorableText, message);

/** Optional text: trimmed, empty becomes null. */
export const optionalText = (max: number) =>
  storableString()
    .trim()
    .max(max, `höchstens ${max} Zeichen`)
    .nullish()
    .transform((v) => (v ? v : null));

/** An optional calendar day as `YYYY-MM-DD` (what a date picker sends), stored as midnight UTC. */
export const optionalDate = z.iso
  .date("kein gültiges Datum")
  .nullish()
  .transform((v) => (v ? new Date(`${v}T00:00:00Z`) : null));

/**
 * An e-mail address as every edge takes it (intake API, e-mail intake, modals): trimmed, also with a
 * domain in Unicode (`jörg@bäckerei-müller.de`) or punycode (`jörg@xn--bckerei-mller-…`), and
 * stored in one canonical form (domain/text/email-address.ts). `message` is what a bad one is told.
 */
export const emailAddress = (message = "Invalid email address") =>
  z
    .string()
    .trim()
    .max(254, message)
    .refine(isEmailAddress, message)
    .transform((v) => canonicalEmail(v) ?? v)
    .meta({ format: "idn-email" });
