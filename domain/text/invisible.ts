/**
 * Characters that change how a name looks without being seen: bidi controls (U+202A–U+202E,
 * U+2066–U+2069, U+200E, U+200F, U+061C) can make `Müller‮gpj.exe` read backwards, and zero-width
 * ones (U+200B, U+200C, U+2060, U+FEFF) hide differences between two names that look alike. They
 * are dropped where a name leads: e-mail headers (To, Subject) and Slack message headers.
 * A zero-width joiner (U+200D) is kept only inside an emoji sequence (👩‍👩‍👧), where it joins
 * pictographs and cannot disguise text.
 */
const INVISIBLE =
  /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u200C\u2060\uFEFF]|(?<!\p{Extended_Pictographic}|\u{FE0F}|[\u{1F3FB}-\u{1F3FF}])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}
