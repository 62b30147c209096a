import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { MailArchive } from "../../domain/privacy/places-repository.ts";

/** The recipients of an .eml file: the addresses of its (possibly folded) `To:` header. */
export function recipientsOf(eml: string): string[] {
  const head = eml.split(/\r?\n\r?\n/, 1)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const to = unfolded.split(/\r?\n/).find((l) => /^to:/i.test(l));
  if (!to) return [];
  const value = to.slice(3);
  const bracketed = [...value.matchAll(/<([^<>\s]+@[^<>\s]+)>/g)].map((m) => m[1] as string);
  const addresses = bracketed.length > 0 ? bracketed : value.split(",").map((a) => a.trim());
  return addresses.filter((a) => a.includes("@")).map((a) => a.toLowerCase());
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
      const wanted = email.trim().toLowerCase();
      const found: { file: string; content: string }[] = [];
      for (const name of names) {
        const content = await readFile(path.join(dir, name), "utf8");
        if (recipientsOf(content).includes(wanted)) found.push({ file: name, content });
      }
      return found;
    },
    async remove(files) {
      // Names come from findFor; basename keeps a crafted one inside the folder all the same.
      for (const f of files) await rm(path.join(dir, path.basename(f)), { force: true });
    },
  };
}
