import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import type { Logger } from "pino";
import { isMessageId } from "../../domain/conversation/message-id.ts";
import { headerSafe } from "../../domain/mail/decline-email.ts";

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Our own Message-ID (made and stored before the mail was queued), and the conversation's. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
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
  /** REPLY_TO: where prospects' replies go (default: MAIL_FROM). */
  replyTo?: string;
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
  const from = senderOf(opts.from, opts.agencyName);
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
        ...(opts.replyTo ? { replyTo: opts.replyTo } : {}),
        subject: headerSafe(mail.subject, 250),
        // Checked as msg-ids where they are made (domain/conversation/message-id.ts): no CR/LF, no spaces.
        ...threadHeaders(mail),
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
        // Explicit, not only the umask of bot/run-process.ts: the mail holds a prospect's data.
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

/** MAIL_FROM as it is when it names its sender; a bare address gets AGENCY_NAME as the name. */
function senderOf(
  from: string | undefined,
  agencyName: string | null,
): string | { name: string; address: string } {
  const name = agencyName ? headerSafe(agencyName) : "";
  if (!from) return name ? { name, address: "kundenbot@localhost" } : "kundenbot@localhost";
  const bare = from.trim();
  return /^[^\s<>@]+@[^\s<>@]+$/.test(bare) && name ? { name, address: bare } : from;
}

function threadHeaders(mail: OutgoingMail) {
  const valid = (id: string | undefined): id is string => !!id && isMessageId(id);
  const references = (mail.references ?? []).filter(valid);
  return {
    ...(valid(mail.messageId) ? { messageId: mail.messageId } : {}),
    ...(valid(mail.inReplyTo) ? { inReplyTo: mail.inReplyTo } : {}),
    ...(references.length ? { references } : {}),
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
