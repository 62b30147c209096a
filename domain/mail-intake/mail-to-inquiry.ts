import { createHash } from "node:crypto";
import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import { type InquiryInput, inquiryInput } from "../inquiries/inquiry.schema.ts";
import { mailBodyText } from "./mail-text.ts";
import { type ThreadFacts, threadFactsOf } from "./reply-facts.ts";

/**
 * One parsed mail → an inquiry, or the reason it is none. Pure: no IMAP, no database, no Slack.
 * The order of precedence for the contact: label lines in the text (contact forms), then the original
 * sender of a forwarded mail, then Reply-To, then From.
 */

export type IgnoreReason = "auto-reply" | "bounce" | "own-mail" | "no-address";

export type MailIntake =
  | {
      kind: "inquiry";
      input: InquiryInput;
      subject: string | null;
      attachments: string[];
      /** In-Reply-To, References and the new text: whether it is a reply (reply-facts.ts). */
      thread: ThreadFacts;
    }
  | { kind: "ignored"; reason: IgnoreReason; detail: string };

export interface MailIntakeOptions {
  /** Our own sender (MAIL_FROM): mails from it are no inquiries (e.g. a decline that came back). */
  ownAddress?: string;
  /** The raw message: its hash is the externalId of a mail without a usable Message-ID. */
  raw: Buffer;
  /** The message instead of the mail's text, when only its headers were read (too large, unreadable). */
  textNote?: string;
}

type Mail = Pick<
  ParsedMail,
  | "headers"
  | "from"
  | "replyTo"
  | "subject"
  | "messageId"
  | "date"
  | "text"
  | "html"
  | "attachments"
  | "inReplyTo"
  | "references"
>;

const MESSAGE_MAX = 10_000;
const NAME_MAX = 200;

export function mailToInquiry(mail: Mail, opts: MailIntakeOptions): MailIntake {
  const ignored = classify(mail, opts.ownAddress);
  if (ignored) return { kind: "ignored", ...ignored };

  const subject = oneLine(mail.subject ?? "") || null;
  const body = opts.textNote === undefined ? mailBodyText(mail.text, mail.html) : "";
  const forwarded = findForward(body, subject);
  const content = forwarded ? forwarded.body : body;
  const labels = readLabels(stripQuotedHistory(content));

  const headerContact = firstAddress(mail.replyTo) ?? firstAddress(mail.from);
  const senderContact = forwarded?.sender ?? headerContact;
  const email = labels.email ?? senderContact?.address;
  const labelName = labels.name ?? joinName(labels.firstName, labels.lastName);
  const senderName = senderContact?.address === email ? senderContact?.name : undefined;
  const name = labelName ?? senderName ?? email;
  if (!email || !name) {
    return { kind: "ignored", reason: "no-address", detail: "the mail names no sender address" };
  }
  const message = opts.textNote ?? labels.message ?? labels.rest;
  const parsed = inquiryInput.safeParse({
    externalId: externalIdOf(mail.messageId, opts.raw),
    name: cut(name, NAME_MAX),
    email,
    phone: labels.phone ? cut(labels.phone, 50) : null,
    company: labels.company ? cut(labels.company, 200) : null,
    message: message ? cut(message, MESSAGE_MAX) : null,
    receivedAt: plausibleDate(mail.date),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "mail");
    if (field === "email") {
      return { kind: "ignored", reason: "no-address", detail: "the sender address is not valid" };
    }
    throw new Error(`mail does not make a valid inquiry: ${field}: ${issue?.message}`);
  }
  return {
    kind: "inquiry",
    input: parsed.data,
    subject: subject ? cut(subject, 500) : null,
    attachments: attachmentNames(mail),
    thread:
      opts.textNote === undefined ? threadFactsOf(mail) : { ...threadFactsOf(mail), text: opts.textNote },
  };
}

function classify(
  mail: Mail,
  ownAddress: string | undefined,
): { reason: IgnoreReason; detail: string } | undefined {
  const header = (name: string) => headerText(mail.headers.get(name));
  const contentType = header("content-type").toLowerCase();
  if (contentType.startsWith("multipart/report")) {
    return { reason: "bounce", detail: "a delivery report (multipart/report)" };
  }
  const autoSubmitted = header("auto-submitted").toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") {
    return { reason: "auto-reply", detail: `Auto-Submitted: ${autoSubmitted}` };
  }
  // Not X-Auto-Response-Suppress: that one asks others not to answer automatically; people send it too.
  for (const name of ["x-autoreply", "x-autorespond"]) {
    if (mail.headers.has(name)) return { reason: "auto-reply", detail: `${name} is set` };
  }
  const precedence = header("precedence").toLowerCase();
  if (["bulk", "list", "junk", "auto_reply"].includes(precedence)) {
    return { reason: "auto-reply", detail: `Precedence: ${precedence}` };
  }
  const from = firstAddress(mail.from)?.address;
  const own = ownAddress ? extractAddress(ownAddress) : undefined;
  if (from && own && from.toLowerCase() === own.toLowerCase()) {
    // Details are logged: they name no address (personal data stays out of the log).
    return { reason: "own-mail", detail: "sent from our own address (MAIL_FROM)" };
  }
  return undefined;
}

function headerText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "object" && "value" in value)
    return String((value as { value: unknown }).value).trim();
  return String(value).trim();
}

interface Contact {
  address: string;
  name?: string;
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): Contact | undefined {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  for (const o of objects) {
    for (const a of o.value) {
      if (a.address) return { address: a.address, name: oneLine(a.name ?? "") || undefined };
    }
  }
  return undefined;
}

const ADDRESS = /[^\s<>[\]"'():;,*]+@[^\s<>[\]"'():;,*]+\.[^\s<>[\]"'():;,*]+/;
const ADDRESS_DELIMITERS = /[\s<>[\]"'():;,*]+/;
/** RFC 5321 allows 254 characters; a longer run of address characters is none. */
const ADDRESS_MAX = 320;

/**
 * The first address in `s`. Matched per run of address characters: the pattern on a whole long run
 * backtracks from every start (quadratic); on runs of at most ADDRESS_MAX characters it is linear.
 */
function extractAddress(s: string): string | undefined {
  for (const run of s.split(ADDRESS_DELIMITERS)) {
    if (run.length > ADDRESS_MAX || !run.includes("@")) continue;
    const hit = run.match(ADDRESS)?.[0];
    if (hit) return hit;
  }
  return undefined;
}

/** `Max Muster <max@x.de>`, `"Max" [mailto:max@x.de]`, `*Max* <max@x.de>` → contact. */
function contactFromLine(value: string): Contact | undefined {
  const address = extractAddress(value.replace(/mailto:/gi, " "));
  if (!address) return undefined;
  const before = value.slice(0, value.indexOf(address)).replace(/mailto:/gi, "");
  const name = before
    .replace(/[<>[\]"*]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return { address, name: name && name !== address ? name : undefined };
}

// --- forwarded mails ---

const FORWARD_MARKERS = [
  /^-{2,}\s*(Forwarded message|Weitergeleitete Nachricht|Original Message|Ursprüngliche Nachricht)\s*-{2,}\s*$/i,
  /^(Begin forwarded message|Anfang der weitergeleiteten Nachricht|Weitergeleitete Nachricht)\s*:?\s*$/i,
];
const FORWARD_SUBJECT = /^\s*(fwd?|wg|wtr|weitergeleitet)\s*:/i;
const HEADER_LINE = /^\s*\*?(Von|From|Gesendet|Sent|Datum|Date|An|To|Cc|Betreff|Subject)\*?\s*:\s*\*?(.*)$/i;
const FROM_KEYS = new Set(["von", "from"]);

/**
 * Markers, quote intros and header lines are short lines. Longer ones are not tested against their
 * patterns: `^.+ schrieb am .+:` backtracks over every " schrieb am " in a line (384 kB of them
 * blocked the process for 9.5 s); on lines of at most this length every pattern is cheap.
 */
const SHORT_LINE = 300;

const isForwardMarker = (line: string) => {
  const t = line.trim();
  return t.length <= SHORT_LINE && FORWARD_MARKERS.some((m) => m.test(t));
};

function headerLine(line: string): RegExpMatchArray | null {
  return line.length <= SHORT_LINE ? line.match(HEADER_LINE) : null;
}

/** The original sender and text of a forwarded mail: after a forward marker, or Outlook's header block under a "WG:" subject. */
function findForward(body: string, subject: string | null): { sender?: Contact; body: string } | undefined {
  const lines = body.split("\n");
  let start = lines.findIndex(isForwardMarker);
  if (start < 0 && subject && FORWARD_SUBJECT.test(subject)) {
    start = lines.findIndex((_l, i) => isHeaderBlockStart(lines, i)) - 1;
    if (start < -1) return undefined;
  } else if (start < 0) {
    return undefined;
  }
  // The header block (Von/Gesendet/An/Betreff) right after the marker, blank lines allowed before it.
  let i = start + 1;
  while (i < lines.length && at(lines, i).trim() === "") i++;
  let sender: Contact | undefined;
  while (i < lines.length) {
    const m = headerLine(at(lines, i));
    if (!m) break;
    if (FROM_KEYS.has((m[1] ?? "").toLowerCase()) && !sender) sender = contactFromLine(m[2] ?? "");
    i++;
  }
  return { sender, body: lines.slice(i).join("\n") };
}

function isHeaderBlockStart(lines: string[], i: number): boolean {
  const m = headerLine(at(lines, i));
  if (!m || !FROM_KEYS.has((m[1] ?? "").toLowerCase())) return false;
  const next = lines.slice(i + 1, i + 4).map((l) => headerLine(l)?.[1]?.toLowerCase());
  return next.some((k) => k === "gesendet" || k === "sent" || k === "datum" || k === "date");
}

// --- quoted history and signature ---

const ON_WROTE = /^On .+ wrote:\s*$/i;
const QUOTE_INTRO = [ON_WROTE, /^Am .+ schrieb .+:\s*$/i, /^.+ schrieb am .+:\s*$/i];

function isQuoteIntro(line: string, next: string): boolean {
  const t = line.trim();
  if (t.length > SHORT_LINE) return false;
  if (QUOTE_INTRO.some((q) => q.test(t))) return true;
  // Gmail wraps a long "On …, Name <address>" intro over two lines.
  const joined = `${line} ${next}`.trim();
  return /^On /i.test(t) && joined.length <= 2 * SHORT_LINE && ON_WROTE.test(joined);
}

/** The new text of a reply: up to quoted history ("Am … schrieb …:", Outlook's header block, "> " lines) or the signature marker. */
export function stripQuotedHistory(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = at(lines, i);
    if (line === "--" || line === "-- ") break;
    if (isForwardMarker(line)) break;
    if (isQuoteIntro(line, at(lines, i + 1))) break;
    if (isHeaderBlockStart(lines, i)) break;
    if (line.trimStart().startsWith(">")) continue;
    out.push(line);
  }
  return out.join("\n").trim();
}

// --- label lines ---

type LabelKey = "name" | "firstName" | "lastName" | "email" | "phone" | "company" | "message";

const LABELS: [RegExp, LabelKey][] = [
  [/^(vor-?\s?name|first\s?name)$/i, "firstName"],
  [/^(nach-?\s?name|last\s?name|surname|familienname)$/i, "lastName"],
  [/^(name|ihr name|your name|full name|vollständiger name)$/i, "name"],
  [/^(e-?mail|e-?mail-?adresse|ihre e-?mail(-adresse)?|your e-?mail|email address|mail)$/i, "email"],
  [/^(telefon|tel\.?|telefonnummer|phone|phone number|mobil|handy)$/i, "phone"],
  [/^(firma|unternehmen|company|organisation|organization)$/i, "company"],
  [/^(nachricht|ihre nachricht|message|your message|anliegen|anfrage)$/i, "message"],
];

// "Name: x", "*Name:* x", "**Name**: x", "Name : x"; the label at most four words. Matched on the
// line up to its first colon (at most LABEL_HEAD characters in), the value taken without a pattern:
// patterns with several `\s*` next to each other backtrack quadratically on long runs of spaces.
const LABEL_HEAD = /^\s*\**\s*([\p{L}][\p{L}\s.-]{0,40}?)\s*\**\s*[:：]$/u;
const LABEL_HEAD_MAX = 100;

interface Labels extends Partial<Record<LabelKey, string>> {
  /** The text that is no label line, when there is no Nachricht label. */
  rest?: string;
}

function labelOf(line: string): { key: LabelKey; value: string } | undefined {
  const colon = firstColon(line);
  if (colon < 0) return undefined;
  const m = line.slice(0, colon + 1).match(LABEL_HEAD);
  if (!m) return undefined;
  const label = (m[1] ?? "").trim().replace(/\s+/g, " ");
  const hit = LABELS.find(([re]) => re.test(label));
  return hit ? { key: hit[1], value: trimStars(line.slice(colon + 1)) } : undefined;
}

function firstColon(line: string): number {
  for (let i = 0; i < line.length && i <= LABEL_HEAD_MAX; i++) {
    if (line[i] === ":" || line[i] === "：") return i;
  }
  return -1;
}

/** Without the spaces and `*` (bold in contact forms) at both ends; a loop, as `\*+$` backtracks quadratically. */
function trimStars(s: string): string {
  const strip = (c: string | undefined) => c === "*" || (c !== undefined && c.trim() === "");
  let start = 0;
  let end = s.length;
  while (start < end && strip(s[start])) start++;
  while (end > start && strip(s[end - 1])) end--;
  return s.slice(start, end);
}

function readLabels(text: string): Labels {
  const found: Labels = {};
  const rest: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const hit = labelOf(at(lines, i));
    if (!hit) {
      rest.push(at(lines, i));
      continue;
    }
    if (hit.key === "message") {
      // The message runs to the next label line or the end; forms put it last or in the middle.
      const msg = [hit.value];
      while (i + 1 < lines.length && !labelOf(at(lines, i + 1))) msg.push(at(lines, ++i));
      found.message ??= msg.join("\n").trim() || undefined;
      continue;
    }
    if (hit.value === "") {
      // A table or form that puts the value on the next line.
      const next = at(lines, i + 1)?.trim();
      if (next && !labelOf(at(lines, i + 1))) {
        found[hit.key] ??= next;
        i++;
      }
      continue;
    }
    // An E-Mail field without an address ("keine") leaves the headers' address in charge.
    const value = hit.key === "email" ? extractAddress(hit.value) : hit.value;
    if (value) found[hit.key] ??= value;
  }
  const restText = rest.join("\n").trim();
  if (restText) found.rest = restText;
  return found;
}

function joinName(first: string | undefined, last: string | undefined): string | undefined {
  const name = [first, last].filter(Boolean).join(" ").trim();
  return name || undefined;
}

// --- the rest ---

/** The Date header, unless it is garbage (spam has years like 10000): then the time of intake. */
function plausibleDate(date: Date | undefined): string | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  return year >= 1970 && year <= 9999 ? date.toISOString() : null;
}

function externalIdOf(messageId: string | undefined, raw: Buffer): string {
  const id = messageId?.trim();
  if (id && id.length <= 200 && !/\s/.test(id)) return id;
  return `mail-sha256:${createHash("sha256").update(raw).digest("hex")}`;
}

function attachmentNames(mail: Mail): string[] {
  return mail.attachments
    .filter((a) => !a.related && a.contentType !== "message/delivery-status")
    .map((a) => oneLine(a.filename ?? "") || "(ohne Namen)");
}

const at = (lines: string[], i: number): string => lines[i] ?? "";

const oneLine = (s: string) => s.replaceAll("\u0000", "").replace(/\s+/g, " ").trim();

function cut(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}

/** Parses a raw message and turns it into an inquiry (or the reason it is none). */
export async function readMail(raw: Buffer, ownAddress?: string): Promise<MailIntake> {
  return mailToInquiry(await parse(raw), { ownAddress, raw });
}

/**
 * The inquiry of a mail read by its headers only (too large to read, or its text could not be read):
 * `textNote` is its message. `raw` may be the whole mail or its beginning; only the header is parsed.
 */
export async function readMailHeaders(raw: Buffer, ownAddress: string | undefined, textNote: string) {
  const head = headerOf(raw);
  return mailToInquiry(await parse(head), { ownAddress, raw: head, textNote });
}

/** The header of a raw mail: up to the first empty line (all of `raw` when there is none). */
export function headerOf(raw: Buffer): Buffer {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  const ends = [crlf < 0 ? -1 : crlf + 2, lf < 0 ? -1 : lf + 1].filter((i) => i >= 0);
  return ends.length ? raw.subarray(0, Math.min(...ends)) : raw;
}

function parse(raw: Buffer) {
  // Our own HTML conversion keeps table rows as label lines; mailparser's would not, so it is off.
  return simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
}
