const graphemes = new Intl.Segmenter("de", { granularity: "grapheme" });

/**
 * Cuts `text` so that `render(text)` (what Slack counts: the text itself, or its escaped form) fits
 * `max` UTF-16 units (Slack's own measure is not documented; UTF-16 is the stricter one). It cuts
 * at a grapheme boundary, so that no emoji, umlaut or escape entity such as `&amp;` is split, and
 * marks the cut with "…". Returns the rendered text unchanged when it fits.
 */
export function shorten(
  text: string,
  max: number,
  render: (text: string) => string = (t) => t,
): { text: string; cut: boolean } {
  const whole = render(text);
  if (whole.length <= max) return { text: whole, cut: false };
  // Each grapheme rendered alone is the most it can take (an escape may depend on its neighbours,
  // and alone it has none), so the kept part rendered as a whole fits too.
  let kept = "";
  let length = 0;
  for (const { segment } of graphemes.segment(text)) {
    const piece = render(segment).length;
    if (length + piece > max - 1) break;
    kept += segment;
    length += piece;
  }
  return { text: `${render(kept)}…`, cut: true };
}

/** `shorten` for callers that only need the text. */
export function truncate(text: string, max: number): string {
  return shorten(text, max).text;
}
