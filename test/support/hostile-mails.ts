import { randomBytes } from "node:crypto";

/**
 * Mails that anyone who can write to the inquiry mailbox can send, each of which stopped the bot's
 * event loop for seconds on the main of issue 20 (or added a gigabyte of memory), for the e-mail
 * intake's tests and `npm run bench -- mail`. Each has a unique Message-ID `<hostile-<name>@test>`.
 */

export interface HostileMail {
  name: string;
  raw: Buffer;
  /**
   * How it is read: its text (cut to what an inquiry keeps), or by its headers only, the message
   * then being the note that it was too large or could not be read.
   */
  message: "text" | "too-large" | "unreadable";
}

const K = 1024;

const fill = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

function mail(name: string, body: string, contentType = "text/plain; charset=utf-8"): Buffer {
  const head = [
    `From: Absender ${name} <absender-${name}@beispiel-kunde.de>`,
    "To: anfragen@agentur-beispiel.de",
    `Subject: Hostile ${name}`,
    `Message-ID: <hostile-${name}@test>`,
    "Date: Mon, 07 Dec 2026 09:00:00 +0100",
    "MIME-Version: 1.0",
    `Content-Type: ${contentType}`,
    ...(contentType.startsWith("multipart/") ? [] : ["Content-Transfer-Encoding: 8bit"]),
    "",
    "",
  ].join("\r\n");
  return Buffer.from(head + body);
}

/** A mail of `bytes` with a base64 attachment (random, so the server cannot shrink it). */
export function attachmentMail(name: string, bytes: number): Buffer {
  const boundary = `b-${name}`;
  const base64 = randomBytes(Math.floor((bytes * 3) / 4))
    .toString("base64")
    .replace(/.{76}/g, "$&\r\n");
  const body = [
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Name: Kunde ${name}`,
    "Nachricht: Anbei das Briefing.",
    `--${boundary}`,
    `Content-Type: application/pdf; name="briefing-${name}.pdf"`,
    `Content-Disposition: attachment; filename="briefing-${name}.pdf"`,
    "Content-Transfer-Encoding: base64",
    "",
    base64,
    `--${boundary}--`,
    "",
  ].join("\r\n");
  return mail(name, body, `multipart/mixed; boundary="${boundary}"`);
}

/** Nested multiparts, `depth` deep: mailparser builds a tree of them. */
function deepMultipart(depth: number): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < depth; i++) {
    open.push(`--d${i}\r\nContent-Type: multipart/mixed; boundary="d${i + 1}"\r\n\r\n`);
    close.unshift(`\r\n--d${i}--\r\n`);
  }
  return `${open.join("")}--d${depth}\r\nContent-Type: text/plain\r\n\r\nHallo\r\n--d${depth}--${close.join("")}`;
}

/**
 * The corpus: the quadratic quote intros, deeply nested HTML, bodies of label lines that backtrack,
 * nested multiparts, and one mail larger than `tooLargeBytes` (the watcher's cap is below it).
 */
export function hostileCorpus(tooLargeBytes: number): HostileMail[] {
  return [
    { name: "schrieb-am", raw: mail("schrieb-am", fill(" schrieb am ", 384 * K)), message: "text" },
    { name: "am-schrieb", raw: mail("am-schrieb", `Am ${fill(" schrieb ", 360 * K)}`), message: "text" },
    {
      name: "nested-div-1mb",
      raw: mail("nested-div-1mb", `${fill("<div>", 1100 * K)}Hallo`, "text/html; charset=utf-8"),
      message: "text",
    },
    {
      name: "nested-div-2mb",
      raw: mail("nested-div-2mb", `${fill("<div>", 2200 * K)}Hallo`, "text/html; charset=utf-8"),
      message: "text",
    },
    {
      name: "closed-divs-2mb",
      raw: mail("closed-divs-2mb", fill("<div>Hallo</div>", 2200 * K), "text/html; charset=utf-8"),
      message: "text",
    },
    { name: "label-spaces", raw: mail("label-spaces", `Name:${fill(" ", 400 * K)}x`), message: "text" },
    { name: "label-stars", raw: mail("label-stars", `Name: x${fill("*", 400 * K)}y`), message: "text" },
    { name: "address-word", raw: mail("address-word", `E-Mail: ${fill("a@", 400 * K)}`), message: "text" },
    {
      name: "deep-multipart",
      raw: mail("deep-multipart", deepMultipart(2000), 'multipart/mixed; boundary="d0"'),
      // mailparser refuses more than 1,000 nested parts.
      message: "unreadable",
    },
    { name: "too-large", raw: attachmentMail("too-large", tooLargeBytes), message: "too-large" },
  ];
}
