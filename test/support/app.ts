import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { AppOverrides } from "../../bot/app.ts";
import type { AppDeps } from "../../bot/app-deps.ts";
import { loadConfig } from "../../bot/config.ts";
import { type RunningApp, startApp } from "../../bot/start.ts";
import type { PrismaClient } from "../../domain/db.ts";
import type { TestDatabase } from "./db.ts";
import { commandBody, interactionBody, postToSlackEndpoint, type SlackPost } from "./sign.ts";
import type { SlackStandin } from "./slack-standin.ts";

export const SIGNING_SECRET = "test-signing-secret";
export const INGEST_TOKEN = "test-ingest-token-0123456789";
export const TEAM_CHANNEL = "CTEAM0001";

export interface TestApp extends RunningApp {
  /** The app's services and, for arranging and checking a test, its database client. */
  deps: AppDeps & { prisma: PrismaClient };
  baseUrl: string;
  logs: string[];
  /** Sends a signed interactivity payload (block_actions, view_submission, shortcut, block_suggestion). */
  interact(payload: unknown): Promise<SlackPost>;
  /** Sends a signed slash command. */
  command(fields: Record<string, string>): Promise<SlackPost>;
  /** Sends a signed Events API callback. */
  event(event: Record<string, unknown>, headers?: Record<string, string>): Promise<SlackPost>;
}

/** Starts the whole app in this process on a test database, talking to the Slack stand-in. */
export async function startTestApp(
  db: TestDatabase,
  standin: SlackStandin,
  env: Record<string, string | undefined> = {},
  now?: () => Date,
  overrides: Pick<AppOverrides, "mailIntake" | "reminderPollMs" | "followUpPollMs"> = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-app-"));
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: standin.url,
    SLACK_CHANNEL_ID: TEAM_CHANNEL,
    PORT: "0",
    DATA_DIR: dataDir,
    DATABASE_URL: db.url,
    INGEST_TOKEN: INGEST_TOKEN,
    LOG_LEVEL: "debug",
    // Seeded requests arrived days ago: with reminders on, each would get one in its thread
    // (depending on the hour the tests run). Tests of reminders turn them on.
    REMINDER_HOURS: "0",
    ...env,
  });
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  const app = await startApp(config, { ...overrides, pglite: db.pglite, logDestination, now });
  const baseUrl = `http://127.0.0.1:${app.port}`;
  return {
    ...app,
    deps: { ...app.deps, prisma: app.prisma },
    baseUrl,
    logs,
    interact: (payload) =>
      postToSlackEndpoint(
        baseUrl,
        SIGNING_SECRET,
        interactionBody(payload),
        "application/x-www-form-urlencoded",
      ),
    command: (fields) =>
      postToSlackEndpoint(baseUrl, SIGNING_SECRET, commandBody(fields), "application/x-www-form-urlencoded"),
    event: (event) =>
      postToSlackEndpoint(
        baseUrl,
        SIGNING_SECRET,
        JSON.stringify({
          token: "legacy",
          team_id: "T0AGENTUR1",
          api_app_id: "A0KUNDENBOT",
          type: "event_callback",
          event_id: `Ev${Math.random().toString(36).slice(2)}`,
          event_time: Math.floor(Date.now() / 1000),
          event,
        }),
        "application/json",
      ),
  };
}
