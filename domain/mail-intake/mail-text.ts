import { convert } from "html-to-text";

/**
 * The readable text of a mail: its text part, or its HTML part as text. Table rows come out as
 * "cell: cell", so that the label/value tables of HTML contact forms read like label lines.
 */

type HtmlNode = { type: string; children?: HtmlNode[] };
type Walk = (nodes: HtmlNode[] | undefined, builder: unknown) => void;
type Builder = {
  openBlock(o: { leadingLineBreaks: number }): void;
  closeBlock(o: { trailingLineBreaks: number }): void;
  addLiteral(s: string): void;
};

const HTML_OPTIONS = {
  wordwrap: false as const,
  formatters: {
    labelRow(elem: HtmlNode, walk: Walk, builder: Builder) {
      builder.openBlock({ leadingLineBreaks: 1 });
      const cells = (elem.children ?? []).filter((c) => c.type === "tag");
      cells.forEach((cell, i) => {
        if (i > 0) builder.addLiteral(i === 1 ? ": " : " ");
        walk(cell.children, builder);
      });
      builder.closeBlock({ trailingLineBreaks: 1 });
    },
  },
  selectors: [
    // A prospect's text must not gain URLs the team did not see as such; mailto links repeat the address.
    { selector: "a", options: { ignoreHref: true } },
    { selector: "img", format: "skip" },
    { selector: "table", format: "block" },
    { selector: "tr", format: "labelRow" },
    { selector: "td", format: "inline" },
    { selector: "th", format: "inline" },
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "h3", options: { uppercase: false } },
  ],
};

export function htmlToText(html: string): string {
  // biome-ignore lint/suspicious/noExplicitAny: html-to-text's formatter types are looser than its options type
  return convert(html, HTML_OPTIONS as any);
}

export function mailBodyText(text: string | undefined, html: string | false | undefined): string {
  const plain = normalizeNewlines(text ?? "");
  if (plain.trim() !== "") return plain;
  return html ? normalizeNewlines(htmlToText(html)) : "";
}

// NUL characters: PostgreSQL cannot store them, and no person writes them.
const normalizeNewlines = (s: string) => s.replace(/\r\n?/g, "\n").replaceAll("\u0000", "");
