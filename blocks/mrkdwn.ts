/** Slack's formatting characters: bold, italic, strike, code. */
const MARKER = /[*_~`]/;
const WORD = /[\p{L}\p{N}]/u;
/** Invisible, so the text reads as written; Slack takes it as a space around the marker. */
const ZWSP = "\u200B";

/**
 * Escapes text from outside (names, messages, e-mail addresses) for Slack `mrkdwn`, so that it
 * shows as written: it can neither ping or link nor format.
 *
 * - `&`, `<` and `>` are escaped (the only escapes Slack decodes); `<!channel>`, `<@U…>` and
 *   `<url|text>` stay text. Nothing else is HTML-encoded (`We've` must stay `We've`).
 * - mrkdwn has no escape for `*`, `_`, `~` and `` ` ``. A marker only formats where it can open or
 *   close a span, at a word's edge; there it gets a zero-width space on either side (Slack's advice
 *   is a space on either side of the character). A marker inside a word (`max_muster@firma.de`,
 *   `2*3`) cannot format and stays untouched, so addresses copy cleanly.
 * - A `>` at the start of a line (a quote) gets a zero-width space before it.
 *
 * Never wrap the result in formatting of our own (`*${…}*`): its first or last character may be
 * such a space, which ends no span. Put outside text beside formatted words, or in plain_text.
 */
export function escapeMrkdwn(text: string): string {
  let out = "";
  let lineStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === "&") out += "&amp;";
    else if (c === "<") out += "&lt;";
    else if (c === ">") out += lineStart ? `${ZWSP}&gt;` : "&gt;";
    else if (MARKER.test(c) && !(WORD.test(text[i - 1] ?? "") && WORD.test(text[i + 1] ?? "")))
      out += `${ZWSP}${c}${ZWSP}`;
    else out += c;
    if (c === "\n") lineStart = true;
    else if (c !== " " && c !== "\t") lineStart = false;
  }
  return out;
}

// Real user ids are upper-case letters and digits (U… or W…).
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/**
 * A user mention, only for a well-formed Slack user id; anything else goes through `otherwise`
 * (by default shown as escaped text).
 */
export function userMention(userId: string, otherwise: (text: string) => string = escapeMrkdwn): string {
  return USER_ID.test(userId) ? `<@${userId}>` : otherwise(userId);
}
