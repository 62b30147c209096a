import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";

export interface SandboxMail {
  file: string;
  to: string;
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
        mail = {
          file,
          to: addresses(parsed.to),
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

  forget(): void {
    this.cache.clear();
  }
}
