import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import { type DestinationStream, type Logger, pino } from "pino";

/** Keys whose values never reach a log line. */
const SECRET_KEYS = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "password",
  "authorization",
  "email",
  "phone",
  "smtpUrl",
  "databaseUrl",
];

const redactPaths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]).concat([
  'req.headers["authorization"]',
  'req.headers["x-slack-signature"]',
]);

/** Secrets and personal data that can hide inside free text (Bolt's messages, error texts). */
const SCRUBBERS: [RegExp, string][] = [
  [/\bx(?:ox[abprse]|app)-[A-Za-z0-9-]+/g, "[token]"],
  [/\b(postgres(?:ql)?|smtps?):\/\/[^\s@/]*:[^\s@/]*@/g, "$1://[credentials]@"],
  // An address may start only where a run of local-part characters starts (the lookbehind). Without
  // it a failed match is retried from every position of a long run of letters or digits: quadratic,
  // a 200,000-letter message took minutes. From one start each part is one character class that
  // stops at a character outside it, so backtracking is linear.
  [/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[email]"],
  // Linear too: inside a run of digits a match may start only after a separator, and a start fails
  // only when the rest of its run holds no digit followed by a separator, which leaves at most a
  // few failing starts per run (tested with 200,000-character runs in test/bot/logger.test.ts).
  [/(?<![\w.])\+?\d[\d ()/-]{6,}\d(?![\w.])/g, "[phone]"],
];

export function scrub(text: string): string {
  let out = text;
  for (const [re, replacement] of SCRUBBERS) out = out.replace(re, replacement);
  return out;
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message), stack: value.stack && scrub(value.stack) };
  }
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

export interface LoggerOptions {
  level: string;
  /** Where the JSON lines go; defaults to stdout (pretty-printed on a terminal). */
  destination?: DestinationStream;
}

export function createLogger({ level, destination }: LoggerOptions): Logger {
  const pretty = !destination && process.stdout.isTTY;
  const options = {
    level,
    base: { app: "kundenbot" },
    redact: { paths: redactPaths, censor: "[redacted]" },
    formatters: { log: (obj: Record<string, unknown>) => scrubDeep(obj) as Record<string, unknown> },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === "string" ? scrub(a) : a)),
        );
      },
    },
    ...(pretty ? { transport: { target: "pino-pretty", options: { colorize: true } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

const toPino: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: "debug",
  [LogLevel.INFO]: "info",
  [LogLevel.WARN]: "warn",
  [LogLevel.ERROR]: "error",
};

/**
 * Fields of Slack payloads and Web API calls that carry what people wrote or who they are: messages
 * and their blocks, modals with their inputs, typed search text, profile names. Method names, ids
 * and error codes stay, which is what an operator needs.
 */
const SLACK_CONTENT_KEYS = new Set([
  "text",
  "blocks",
  "attachments",
  "view",
  "payload",
  "private_metadata",
  "state",
  "value",
  "title",
  "initial_comment",
  "content",
  "name",
  "real_name",
  "display_name",
  "first_name",
  "last_name",
  "profile",
]);

function redactSlackFields(value: unknown, depth = 0): unknown {
  if (depth > 20 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactSlackFields(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SLACK_CONTENT_KEYS.has(k) ? "[redacted]" : redactSlackFields(v, depth + 1);
  }
  return out;
}

/** The Web API client and Bolt log payloads as JSON inside text ("http request body: {…}", "ack() … (body: {…})"). */
function redactSlackText(text: string): string {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end < start) return text;
  try {
    const json = JSON.stringify(redactSlackFields(JSON.parse(text.slice(start, end + 1))));
    return text.slice(0, start) + json + text.slice(end + 1);
  } catch {
    return text;
  }
}

/** Lets Bolt and the Slack SDK log through pino (Bolt's Logger interface), without message contents. */
export function boltLogger(log: Logger): SlackLogger {
  let child = log.child({ module: "bolt" });
  const join = (msg: unknown[]) =>
    msg
      .map((m) => (typeof m === "string" ? redactSlackText(m) : JSON.stringify(redactSlackFields(m))))
      .join(" ");
  return {
    // Bolt logs whole payloads at debug: serialize them only when the level is on (hot path).
    debug: (...msg) => child.isLevelEnabled("debug") && child.debug(join(msg)),
    info: (...msg) => child.isLevelEnabled("info") && child.info(join(msg)),
    warn: (...msg) => child.isLevelEnabled("warn") && child.warn(join(msg)),
    error: (...msg) => child.isLevelEnabled("error") && child.error(join(msg)),
    // The level is ours (LOG_LEVEL); Bolt's own setLevel calls must not override it.
    setLevel: () => {},
    getLevel: () =>
      (Object.entries(toPino).find(([, v]) => v === child.level)?.[0] as LogLevel | undefined) ??
      LogLevel.DEBUG,
    setName: (name: string) => {
      child = log.child({ module: name });
    },
  };
}
