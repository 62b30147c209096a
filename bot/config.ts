import cron from "node-cron";
import { z } from "zod";
import { parseReminderWindow, type ReminderWindow } from "../domain/triage/reminder-window.ts";

/** Empty strings (as in a `.env` line `FOO=`) count as unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const withDefault = <T extends z.ZodType>(schema: T, fallback: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v : fallback), schema);

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("de-DE", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const env = z.object({
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-\S+$/, "must be a bot token that starts with xoxb-")),
  SLACK_SIGNING_SECRET: optional(z.string().min(1)),
  SLACK_APP_TOKEN: optional(
    z.string().regex(/^xapp-\S+$/, "must be an app-level token that starts with xapp-"),
  ),
  SLACK_API_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  SLACK_CHANNEL_ID: optional(
    // Slack's ids are C/G + upper-case letters and digits; test doubles often use underscores.
    z.string().regex(/^[CG][A-Za-z0-9_-]+$/, "must be a channel ID such as C0123ABCD"),
  ),
  SLACK_POSTS_PER_SECOND: withDefault(z.coerce.number().min(0.1).max(100), "1"),
  PORT: withDefault(z.coerce.number().int().min(0).max(65535), "3000"),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")),
  DATA_DIR: withDefault(z.string(), "./data"),
  // Any non-empty token works; a short one is accepted but warned about at start (bot/start.ts).
  INGEST_TOKEN: optional(z.string().regex(/^\S+$/, "must not contain spaces")),
  METRICS_TOKEN: optional(z.string().regex(/^\S+$/, "must not contain spaces")),
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\/\S+$/, "must be an smtp:// or smtps:// URL")),
  MAIL_FROM: optional(z.string().min(3)),
  AGENCY_NAME: optional(z.string().max(200)),
  MAIL_SIGNATURE: optional(z.string().max(2000)),
  REPLY_TO: optional(
    z
      .string()
      .max(300)
      .regex(
        /^[^\r\n]*[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?\s*$/,
        "must be an e-mail address, e.g. anfragen@agentur.example",
      ),
  ),
  DIGEST_CRON: withDefault(
    z.string().refine((v) => cron.validate(v), "must be a cron expression, e.g. 0 9 * * 1-5"),
    "0 9 * * 1-5",
  ),
  DIGEST_TIMEZONE: withDefault(
    z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin"),
    "Europe/Berlin",
  ),
  REPORT_CRON: withDefault(
    z
      .string()
      .refine(
        (v) => v.trim().toLowerCase() === "off" || cron.validate(v),
        "must be a cron expression, e.g. 0 8 * * 1, or off",
      ),
    "0 8 * * 1",
  ),
  DIGEST_OVERDUE_DAYS: withDefault(z.coerce.number().int().min(1).max(365), "3"),
  DIGEST_CATCH_UP: withDefault(z.enum(["true", "false"]), "true"),
  IMAP_URL: optional(
    z
      .url({ protocol: /^imaps?$/, error: "must be an imap:// or imaps:// URL" })
      .refine((u) => URL.canParse(u) && new URL(u).username !== "", {
        error: "must name the mailbox user, e.g. imaps://user:pass@host/INBOX",
        when: (p) => p.issues.length === 0,
      }),
  ),
  IMAP_DONE_MAILBOX: withDefault(
    z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\r\n*%]+$/, "must be a mailbox name without * or %"),
    "kundenbot",
  ),
  PARTNER_PROGRAM: withDefault(z.enum(["agency", "reseller", "isv"]), "agency"),
  REMINDER_HOURS: withDefault(
    z.coerce.number("must be a number of hours, e.g. 24 or 0.5").min(0, "must be 0 or more").max(8760),
    "24",
  ),
  REMINDER_WINDOW: withDefault(
    z.string().transform((v, ctx) => {
      const window = parseReminderWindow(v);
      if (typeof window === "string") {
        ctx.addIssue({ code: "custom", message: window });
        return z.NEVER;
      }
      return window;
    }),
    "Mo-Fr 08:00-18:00",
  ),
  RETENTION_DAYS: withDefault(z.coerce.number().int().min(1).max(3650), "180"),
  LOG_LEVEL: withDefault(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]), "info"),
  WEBHOOK_URL: optional(
    z
      .url({ protocol: /^https?$/, error: "must be an https:// URL" })
      .refine((u) => URL.canParse(u) && webhookUrlAllowed(new URL(u)), {
        error: "must be an https:// URL (http:// only for a receiver on 127.0.0.1, ::1 or localhost)",
        when: (p) => p.issues.length === 0,
      }),
  ),
  WEBHOOK_SECRET: optional(
    z
      .string()
      .trim()
      .refine(
        (s) => webhookSecretBytes(s) !== undefined,
        "must be whsec_ followed by base64 of at least 24 random bytes",
      ),
  ),
  ADMIN_USERS: optional(
    z
      .string()
      .transform((s) =>
        s
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z
              .string()
              .regex(/^[UW][A-Z0-9]+$/, "must list Slack user IDs such as U0123ABCD, comma-separated"),
          )
          .min(1, "must list at least one Slack user ID"),
      ),
  ),
});

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);

/** HTTPS anywhere; plain HTTP only to a receiver on this machine (tests, a local n8n). */
function webhookUrlAllowed(url: URL): boolean {
  if (url.protocol === "https:") return true;
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}

/** The key of a Standard Webhooks secret (`whsec_` + base64 of at least 24 bytes), or undefined. */
export function webhookSecretBytes(secret: string): Buffer | undefined {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  if (!m?.[1] || m[1].length % 4 !== 0) return undefined;
  const key = Buffer.from(m[1], "base64");
  return key.length >= 24 ? key : undefined;
}

const present = (v: string | undefined) => v !== undefined && v.trim() !== "";

/**
 * No Slack credential at all (and not in production) means the sandbox: a newcomer's `npm start`
 * shows the bot in a browser instead of a configuration error. Any one credential means Slack.
 */
export const wantsSandbox = (source: Record<string, string | undefined>) =>
  source.NODE_ENV !== "production" &&
  !present(source.SLACK_BOT_TOKEN) &&
  !present(source.SLACK_SIGNING_SECRET) &&
  !present(source.SLACK_APP_TOKEN);

/** Rules between variables; checked even when single variables are bad, so one message lists everything. */
function crossChecks(source: Record<string, string | undefined>) {
  const problems: { variable: string; message: string }[] = [];
  if (wantsSandbox(source)) return problems;
  if (!present(source.SLACK_BOT_TOKEN))
    problems.push({ variable: "SLACK_BOT_TOKEN", message: "is required" });
  if (!present(source.SLACK_APP_TOKEN) && !present(source.SLACK_SIGNING_SECRET)) {
    problems.push({
      variable: "SLACK_SIGNING_SECRET",
      message: "is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
    });
  }
  if (present(source.SMTP_URL) && !present(source.MAIL_FROM)) {
    problems.push({ variable: "MAIL_FROM", message: "is required when SMTP_URL is set" });
  }
  if (present(source.WEBHOOK_URL) && !present(source.WEBHOOK_SECRET)) {
    problems.push({ variable: "WEBHOOK_SECRET", message: "is required when WEBHOOK_URL is set" });
  }
  return problems;
}

/** How to fix each variable: shown next to its error. */
const HOW_TO_FIX: Record<string, string> = {
  SLACK_BOT_TOKEN:
    "Create the Slack app from manifest.yml, install it, and copy the Bot User OAuth Token (xoxb-…) from 'OAuth & Permissions'.",
  SLACK_SIGNING_SECRET: "Copy the Signing Secret from your Slack app's 'Basic Information' page.",
  SLACK_APP_TOKEN:
    "Create an app-level token with the connections:write scope under 'Basic Information' (Socket Mode only).",
  SLACK_API_URL:
    "Leave it unset for Slack itself; set it only for a test double, e.g. http://127.0.0.1:3001/api/.",
  SLACK_CHANNEL_ID:
    "Open the channel in Slack, 'View channel details', and copy the channel ID at the bottom.",
  SLACK_POSTS_PER_SECOND:
    "Leave it unset (Slack allows about 1 post per second per channel); raise it only for a test double.",
  PORT: "Use a free TCP port, e.g. 3000.",
  DATABASE_URL: "Use postgresql://user:password@host:5432/db, or leave it unset for the embedded database.",
  INGEST_TOKEN: "Generate one, e.g. with: openssl rand -hex 32",
  SMTP_URL: "e.g. smtp://user:password@mail.example.com:587, or leave it unset to write .eml files.",
  MAIL_FROM: 'e.g. "Agentur Beispiel <kontakt@agentur.example>".',
  REPLY_TO:
    "The address prospects' replies go to (default MAIL_FROM); the mailbox of IMAP_URL, so that replies come back into Slack.",
  DIGEST_CRON: "node-cron syntax, e.g. '0 9 * * 1-5' for 9:00 on weekdays.",
  DIGEST_TIMEZONE: "e.g. Europe/Berlin.",
  REPORT_CRON: "node-cron syntax in DIGEST_TIMEZONE, e.g. '0 8 * * 1' for Mondays at 8:00, or 'off'.",
  IMAP_URL:
    "e.g. imaps://user:password@mail.example.com:993/INBOX (user and password URL-encoded), or leave it unset for no e-mail intake.",
  IMAP_DONE_MAILBOX: "The mailbox processed mails are moved to, e.g. kundenbot (created when missing).",
  PARTNER_PROGRAM: "One of agency, reseller, isv.",
  REMINDER_HOURS:
    "Hours after which an undecided request gets a reminder, e.g. 24 or 0.5; 0 turns reminders off.",
  REMINDER_WINDOW:
    "e.g. 'Mo-Fr 08:00-18:00' (days Mo Di Mi Do Fr Sa So, hours in DIGEST_TIMEZONE), or 'always'.",
  RETENTION_DAYS:
    "Whole days (1–3650) after a decline until the invitation's personal data is erased, e.g. 180.",
  LOG_LEVEL: "One of fatal, error, warn, info, debug, trace, silent.",
  WEBHOOK_URL:
    "The receiver's URL, e.g. https://n8n.agentur.example/webhook/kundenbot, or leave it unset for no webhooks.",
  WEBHOOK_SECRET:
    "Generate one with: node -e \"console.log('whsec_' + require('crypto').randomBytes(32).toString('base64'))\" and give the same value to the receiver.",
  ADMIN_USERS:
    "Slack user IDs (a member's profile, ⋮, 'Copy member ID'), comma-separated, e.g. U0123ABCD,U0456EFGH; or leave it unset so that every team member may.",
};

export type Env = z.infer<typeof env>;

export interface Config {
  /** No Slack credentials: the sandbox (sandbox/start.ts) runs the bot against its own stand-in of Slack. */
  sandbox: boolean;
  /** The address the HTTP server binds to; undefined: all interfaces (Node's default). */
  host: string | undefined;
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
    channelId: string | undefined;
  };
  port: number;
  /** Channel posts per second that the outbox worker allows itself (Slack: about 1, short bursts). */
  slackPostsPerSecond: number;
  databaseUrl: string | undefined;
  dataDir: string;
  ingestToken: string | undefined;
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  metricsToken: string | undefined;
  mail: {
    smtpUrl: string | undefined;
    from: string | undefined;
    /** AGENCY_NAME; null when unset (every text reads right without it). */
    agencyName: string | null;
    signature: string | undefined;
    /** REPLY_TO, else MAIL_FROM. */
    replyTo: string | undefined;
  };
  digest: { cron: string; timezone: string; overdueDays: number; catchUp: boolean };
  /** The weekly report to the team channel on this cron expression (in DIGEST_TIMEZONE); undefined: off. */
  report: { cron: string | undefined };
  /** E-mail intake; undefined when IMAP_URL is unset. */
  imap: ImapConfig | undefined;
  partnerProgram: "agency" | "reseller" | "isv";
  invitationsEnabled: boolean;
  /** Reminders in the thread of requests nobody decided (hours 0: off); the window is in DIGEST_TIMEZONE. */
  reminders: { hours: number; window: ReminderWindow };
  /** Days after a decline until the invitation's personal data is erased (the retention job). */
  retentionDays: number;
  /** Where kundenbot's events go (Standard Webhooks); undefined when WEBHOOK_URL is unset. */
  webhook: { url: string; secret: Buffer } | undefined;
  /** The members who may use Auskunft, Löschen, export and templates; undefined: every team member. */
  adminUsers: string[] | undefined;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

export interface ImapConfig {
  host: string;
  port: number;
  /** imaps: TLS from the start; imap: STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  doneMailbox: string;
}

function imapConfig(url: string | undefined, doneMailbox: string): ImapConfig | undefined {
  if (!url) return undefined;
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  const path = decodeURIComponent(u.pathname.replace(/^\//, ""));
  return {
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    mailbox: path || "INBOX",
    doneMailbox,
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      [
        "kundenbot cannot start: the configuration is incomplete or invalid.",
        ...problems.map(
          (p) =>
            `  - ${p.variable} ${p.message}.${HOW_TO_FIX[p.variable] ? ` ${HOW_TO_FIX[p.variable]}` : ""}`,
        ),
        "Set these as environment variables or in a .env file (see .env.example, README.md and manifest.yml).",
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Parses the environment once. Throws a ConfigError that names every bad variable. */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = env.safeParse(source);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        variable: String(i.path[0] ?? "environment"),
        message: /^(is|must) /.test(i.message) ? i.message : `is invalid: ${i.message}`,
      }));
  for (const p of crossChecks(source)) {
    if (!problems.some((q) => q.variable === p.variable)) problems.push(p);
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const v = parsed.data;
  const apiUrl = v.SLACK_API_URL && (v.SLACK_API_URL.endsWith("/") ? v.SLACK_API_URL : `${v.SLACK_API_URL}/`);
  return {
    sandbox: wantsSandbox(source),
    host: undefined,
    slack: {
      botToken: v.SLACK_BOT_TOKEN ?? "",
      signingSecret: v.SLACK_SIGNING_SECRET,
      appToken: v.SLACK_APP_TOKEN,
      apiUrl,
      channelId: v.SLACK_CHANNEL_ID,
    },
    port: v.PORT,
    slackPostsPerSecond: v.SLACK_POSTS_PER_SECOND,
    databaseUrl: v.DATABASE_URL,
    dataDir: v.DATA_DIR,
    ingestToken: v.INGEST_TOKEN,
    metricsToken: v.METRICS_TOKEN,
    mail: {
      smtpUrl: v.SMTP_URL,
      from: v.MAIL_FROM,
      agencyName: v.AGENCY_NAME ?? null,
      signature: v.MAIL_SIGNATURE,
      replyTo: v.REPLY_TO ?? v.MAIL_FROM,
    },
    digest: {
      cron: v.DIGEST_CRON,
      timezone: v.DIGEST_TIMEZONE,
      overdueDays: v.DIGEST_OVERDUE_DAYS,
      catchUp: v.DIGEST_CATCH_UP === "true",
    },
    report: { cron: v.REPORT_CRON.trim().toLowerCase() === "off" ? undefined : v.REPORT_CRON },
    imap: imapConfig(v.IMAP_URL, v.IMAP_DONE_MAILBOX),
    partnerProgram: v.PARTNER_PROGRAM,
    invitationsEnabled: v.PARTNER_PROGRAM !== "isv",
    reminders: { hours: v.REMINDER_HOURS, window: v.REMINDER_WINDOW },
    retentionDays: v.RETENTION_DAYS,
    webhook:
      v.WEBHOOK_URL && v.WEBHOOK_SECRET
        ? { url: v.WEBHOOK_URL, secret: webhookSecretBytes(v.WEBHOOK_SECRET) as Buffer }
        : undefined,
    adminUsers: v.ADMIN_USERS ? [...new Set(v.ADMIN_USERS)] : undefined,
    logLevel: v.LOG_LEVEL,
  };
}
