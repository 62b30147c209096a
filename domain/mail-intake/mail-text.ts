import { convert } from "html-to-text";
import { Parser, Tokenizer } from "htmlparser2";

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

/**
 * Deeper nesting than this is read as flat text. htmlparser2 keeps its stack of open elements with
 * `unshift`, so its parse costs depth × elements (1.1 MB of `<div>`s took 7 s), and html-to-text walks
 * the tree recursively (20,000 levels overflow the call stack). No mail a person writes nests this deep.
 */
const HTML_MAX_DEPTH = 256;
/** svg/math and their integration points: htmlparser2 keeps a second stack for them that only grows. */
const FOREIGN_MAX = 256;
const FOREIGN = new Set([
  "svg",
  "math",
  "mi",
  "mo",
  "mn",
  "ms",
  "mtext",
  "annotation-xml",
  "foreignobject",
  "desc",
  "title",
]);

export function htmlToText(html: string): string {
  if (!shallowEnough(html)) return flatText(html);
  // biome-ignore lint/suspicious/noExplicitAny: html-to-text's formatter types are looser than its options type
  return convert(html, HTML_OPTIONS as any);
}

const TOO_DEEP = new Error("too deep");

/**
 * Whether html-to-text can read `html` in linear time: the same parser, without a tree, stopped as
 * soon as the open elements (every open tag gets exactly one close, implied ones included) pass the limit.
 */
function shallowEnough(html: string): boolean {
  let depth = 0;
  let foreign = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        depth++;
        if (FOREIGN.has(name)) foreign++;
        if (depth > HTML_MAX_DEPTH || foreign > FOREIGN_MAX) throw TOO_DEEP;
      },
      onclosetag() {
        depth--;
      },
    },
    { decodeEntities: true },
  );
  try {
    parser.end(html);
    return true;
  } catch (err) {
    if (err === TOO_DEEP) return false;
    throw err;
  }
}

const BLOCKS = new Set([
  "br",
  "p",
  "div",
  "tr",
  "li",
  "table",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "hr",
]);
const HIDDEN = new Set(["script", "style", "head", "title"]);

/** The text of HTML too deep for a tree: tokens only (linear), a line break at block elements. */
function flatText(html: string): string {
  const out: string[] = [];
  let hidden: string | undefined;
  const name = (start: number, end: number) => html.slice(start, end).toLowerCase();
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      ontext(start, end) {
        if (!hidden) out.push(html.slice(start, end));
      },
      ontextentity(codepoint) {
        if (!hidden) out.push(String.fromCodePoint(codepoint));
      },
      onopentagname(start, end) {
        const tag = name(start, end);
        if (HIDDEN.has(tag)) hidden ??= tag;
        if (BLOCKS.has(tag)) out.push("\n");
      },
      onclosetag(start, end) {
        const tag = name(start, end);
        if (tag === hidden) hidden = undefined;
        if (BLOCKS.has(tag)) out.push("\n");
      },
      onopentagend() {},
      onselfclosingtag() {},
      onattribname() {},
      onattribdata() {},
      onattribentity() {},
      onattribend() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  const lines = out
    .join("")
    .split("\n")
    .map((l) => l.replace(/[ \t\u00a0]+/g, " ").trim());
  // Runs of empty lines become one.
  return lines
    .filter((l, i) => l !== "" || (i > 0 && lines[i - 1] !== ""))
    .join("\n")
    .trim();
}

/**
 * How much of a body is read. An inquiry keeps 10,000 characters of the message, and contact forms put
 * their label lines first; what lies beyond stays readable in the mailbox.
 */
const TEXT_MAX = 200_000;
const HTML_MAX = 500_000;

export function mailBodyText(text: string | undefined, html: string | false | undefined): string {
  const plain = normalizeNewlines((text ?? "").slice(0, TEXT_MAX));
  if (plain.trim() !== "") return plain;
  return html ? normalizeNewlines(htmlToText(html.slice(0, HTML_MAX)).slice(0, TEXT_MAX)) : "";
}

// NUL characters: PostgreSQL cannot store them, and no person writes them.
const normalizeNewlines = (s: string) => s.replace(/\r\n?/g, "\n").replaceAll("\u0000", "");
