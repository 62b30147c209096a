import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import addressparser from "nodemailer/lib/addressparser";
import type { MailArchive } from "../../domain/privacy/places-repository.ts";
import { addressForms } from "../../domain/text/email-address.ts";

/**
 * The recipients of an .eml file: the addresses of its (possibly folded) `To:` header, parsed as
 * RFC 5322 addresses (a display name, even one that looks like `<someone@else>`, is no recipient).
 */
export function recipientsOf(eml: string): string[] {
  const head = eml.split(/\r?\n\r?\n/, 1)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const to = unfolded.split(/\r?\n/).find((l) => /^to:/i.test(l));
  if (!to) return [];
  const parsed = addressparser(to.slice(3), { flatten: true });
  return parsed.map((a) => a.address?.trim() ?? "").filter((a) => a.includes("@"));
}

/**
 * The e-mails kept under DATA_DIR/mail (written instead of sent when SMTP_URL is unset), found by
 * their recipient for Auskunft and Löschen.
 */
export function fileMailArchive(dataDir: string): MailArchive {
  const dir = path.resolve(dataDir, "mail");
  return {
    async findFor(email) {
      let names: string[];
      try {
        names = (await readdir(dir)).filter((n) => n.endsWith(".eml")).sort();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw err;
      }
      const wanted = addressForms(email);
      const found: { file: string; content: string }[] = [];
      for (const name of names) {
        const content = await readFile(path.join(dir, name), "utf8");
        const recipients = recipientsOf(content).flatMap(addressForms);
        if (recipients.some((r) => wanted.includes(r))) found.push({ file: name, content });
      }
      return found;
    },
    async remove(files) {
      // Names come from findFor; basename keeps a crafted one inside the folder all the same.
      for (const f of files) await rm(path.join(dir, path.basename(f)), { force: true });
    },
  };
}
