import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";

export interface SandboxMail {
  file: string;
  to: string;
  /** The recipient (the prospect) and the mail's own Message-ID: what a reply answers. */
  toAddress: string;
  toName: string;
  messageId: string;
  from: string;
  subject: string;
  date: string;
  text: string;
}

/**
 * The mails the bot "sent": the mailer writes each one as an .eml file (no SMTP in the sandbox);
 * they are read back as a mail client would, decoded, newest first. Parsed files are kept by name.
 */
export class MailFolder {
  private cache = new Map<string, SandboxMail>();

  constructor(private readonly dir: string) {}

  async list(): Promise<SandboxMail[]> {
    let files: string[];
    try {
      files = (await readdir(this.dir)).filter((f) => f.endsWith(".eml"));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
    const mails: SandboxMail[] = [];
    for (const file of files.sort().reverse()) {
      // Keyed by size too: a file seen while the mailer was still writing it is read again.
      const key = `${file}:${(await stat(path.join(this.dir, file))).size}`;
      let mail = this.cache.get(key);
      if (!mail) {
        const parsed = await simpleParser(await readFile(path.join(this.dir, file)));
        const addresses = (a: typeof parsed.to) =>
          Array.isArray(a) ? a.map((x) => x.text).join(", ") : (a?.text ?? "");
        const firstTo = (Array.isArray(parsed.to) ? parsed.to[0] : parsed.to)?.value[0];
        mail = {
          file,
          to: addresses(parsed.to),
          toAddress: firstTo?.address ?? "",
          toName: firstTo?.name ?? "",
          messageId: parsed.messageId ?? "",
          from: addresses(parsed.from),
          subject: parsed.subject ?? "(ohne Betreff)",
          date: parsed.date
            ? new Intl.DateTimeFormat("de-DE", {
                dateStyle: "medium",
                timeStyle: "short",
                timeZone: "Europe/Berlin",
              }).format(parsed.date)
            : "",
          text: parsed.text ?? "",
        };
        this.cache.set(key, mail);
      }
      mails.push(mail);
    }
    return mails;
  }

  /** One mail by its file name (as listed), or undefined. */
  async find(file: string): Promise<SandboxMail | undefined> {
    return (await this.list()).find((m) => m.file === file);
  }

  forget(): void {
    this.cache.clear();
  }
}

/**
 * **Antwort simulieren**: the prospect's reply to one of the bot's mails, as their mail program
 * writes it (In-Reply-To and References, "Re:" subject, the quoted mail below the new text).
 */
export function simulatedReply(mail: SandboxMail, at: Date, replyTo: string): Buffer {
  const quoted = mail.text
    .trimEnd()
    .split("\n")
    .map((l) => `> ${l}`)
    .join("\n");
  const name = mail.toName.replace(/["\r\n]/g, "") || mail.toAddress;
  const lines = [
    `From: "${name}" <${mail.toAddress}>`,
    `To: ${replyTo}`,
    `Subject: Re: ${mail.subject.replace(/[\r\n]/g, " ")}`,
    `Message-ID: <sandbox-reply-${at.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}@sandbox.invalid>`,
    ...(mail.messageId ? [`In-Reply-To: ${mail.messageId}`, `References: ${mail.messageId}`] : []),
    `Date: ${at.toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "Guten Tag,",
    "",
    "vielen Dank für Ihre Nachricht. Passt Ihnen ein kurzes Telefonat am Donnerstag um 10 Uhr?",
    "",
    "Viele Grüße",
    name,
    "",
    `Am ${mail.date} schrieb ${mail.from}:`,
    quoted,
    "",
  ];
  return Buffer.from(lines.join("\r\n"), "utf8");
}
