/**
 * Escapes text from outside (names, messages, e-mail addresses) for Slack `mrkdwn`. Slack only
 * needs `&`, `<` and `>` escaped; with them escaped, `<!channel>`, `<@U…>` and `<url|text>` stay
 * text. Nothing else is HTML-encoded (`We've` must stay `We've`).
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const graphemes = new Intl.Segmenter("de", { granularity: "grapheme" });

/**
 * Cuts `text` to at most `max` UTF-16 units (Slack's own measure is not documented; UTF-16 is the
 * stricter one), at a grapheme boundary so that no emoji or umlaut is split, and marks the cut
 * with "…". Returns the text unchanged when it fits.
 */
export function shorten(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  let out = "";
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return { text: `${out}…`, cut: true };
}

/** Escapes and then shortens so that the escaped text (what Slack counts) fits `max`. */
export function escapedWithin(text: string, max: number): { text: string; cut: boolean } {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return { text: escaped, cut: false };
  // Shorten the raw text until its escaped form fits; never cut inside an entity such as `&amp;`.
  let out = "";
  let size = 0;
  for (const { segment } of graphemes.segment(text)) {
    const e = escapeMrkdwn(segment);
    if (size + e.length > max - 1) break;
    out += e;
    size += e.length;
  }
  return { text: `${out}…`, cut: true };
}
