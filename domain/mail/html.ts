/** HTML escaping for the HTML part of e-mails to prospects: every character that HTML could read as markup. */
export const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

/** Plain text as a simple HTML document: paragraphs at blank lines, line breaks kept, everything escaped. */
export function textToHtml(text: string): string {
  return [
    '<!doctype html><html lang="de"><body style="font-family:sans-serif;line-height:1.5">',
    ...text
      .replace(/\r\n?/g, "\n")
      .trim()
      .split(/\n{2,}/)
      .map((para) => `<p>${escapeHtml(para).replace(/\n/g, "<br>")}</p>`),
    "</body></html>",
  ].join("\n");
}
