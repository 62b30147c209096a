import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import type { Logger } from "pino";
import { headerSafe } from "../../domain/mail/decline-email.ts";

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
}

/** What became of a delivery attempt: sent, worth retrying (4xx, network), or refused for good (5xx). */
export type MailResult =
  | { result: "sent"; messageId: string; file?: string }
  | { result: "retry"; error: string }
  | { result: "refused"; error: string };

export interface Mailer {
  send(mail: OutgoingMail): Promise<MailResult>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string | undefined;
  agencyName: string | null;
  dataDir: string;
  log: Logger;
}

/**
 * nodemailer over SMTP_URL; without it, the embedded default: each mail is written as an .eml file
 * under DATA_DIR/mail and logged, so nothing is lost and an operator can see what would have gone out.
 */
export function createMailer(opts: MailerOptions): Mailer {
  const log = opts.log.child({ module: "mail" });
  const from =
    opts.from ??
    (opts.agencyName
      ? { name: headerSafe(opts.agencyName), address: "kundenbot@localhost" }
      : "kundenbot@localhost");
  const transport: Transporter = opts.smtpUrl
    ? nodemailer.createTransport({
        url: opts.smtpUrl,
        // Together well under the outbox's 30 s lease: a send still running when the lease ends
        // could be claimed and sent a second time by another instance.
        connectionTimeout: 5_000,
        greetingTimeout: 5_000,
        socketTimeout: 15_000,
      } as SMTPTransport.Options & { url: string })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const mailDir = path.resolve(opts.dataDir, "mail");

  return {
    async send(mail) {
      const message = {
        from,
        to: { name: headerSafe(mail.to.name), address: mail.to.address.trim() },
        subject: headerSafe(mail.subject, 250),
        text: mail.text,
        html: mail.html,
        // Long lines are folded by nodemailer's quoted-printable encoding; headers carry no raw CR/LF.
        textEncoding: "quoted-printable" as const,
      };
      try {
        const info = await transport.sendMail(message);
        if (opts.smtpUrl) {
          log.info({ messageId: info.messageId }, "e-mail sent");
          return { result: "sent", messageId: info.messageId };
        }
        await mkdir(mailDir, { recursive: true, mode: 0o700 });
        const file = path.join(
          mailDir,
          `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}.eml`,
        );
        // Explicit, not only the umask of bot/main.ts: the mail holds a prospect's data.
        await writeFile(file, info.message as Buffer, { mode: 0o600 });
        log.info(
          { file, messageId: info.messageId },
          "no SMTP_URL: e-mail written to a file instead of sent",
        );
        return { result: "sent", messageId: info.messageId, file };
      } catch (err) {
        return classify(err);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** SMTP 5xx is a refusal for good (unknown recipient, rejected content); 4xx and network errors pass. */
export function classify(err: unknown): MailResult {
  const e = err as { responseCode?: number; code?: string; message?: string; response?: string };
  const error = [e.responseCode, e.code, e.response ?? e.message].filter(Boolean).join(" ").slice(0, 500);
  if (typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600) {
    return { result: "refused", error };
  }
  return { result: "retry", error: error || String(err) };
}
