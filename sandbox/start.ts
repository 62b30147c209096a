import { randomBytes } from "node:crypto";
import { type FSWatcher, watch } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { AppOverrides } from "../bot/app.ts";
import type { Config } from "../bot/config.ts";
import { assertPortFree } from "../bot/http/port.ts";
import { storeReadMail } from "../bot/mail-intake/store-mail.ts";
import { type RunningApp, startApp } from "../bot/start.ts";
import { inquiryInput } from "../domain/inquiries/inquiry.schema.ts";
import { invitationInput } from "../domain/invitations/invitation.schema.ts";
import { readMail } from "../domain/mail-intake/mail-to-inquiry.ts";
import { addressForms } from "../domain/text/email-address.ts";
import { Bridge } from "./bridge.ts";
import { sandboxDataDir } from "./data-dir.ts";
import { MailFolder, simulatedReply } from "./mails.ts";
import {
  SANDBOX_PEOPLE,
  SANDBOX_TEAM_CHANNEL,
  SANDBOX_TZ,
  sampleInquiry,
  sampleInvitation,
} from "./people.ts";
import { clearDatabase } from "./reset.ts";
import { sameOriginGuard, sandboxRoutes } from "./server.ts";
import { SlackStandin, type StandinState } from "./slack-standin.ts";

export interface RunningSandbox extends RunningApp {
  url: string;
  standin: SlackStandin;
  bridge: Bridge;
}

/** The stand-in's saved state: our own file, still checked before use (a damaged one starts empty). */
const savedState = z.object({
  messages: z.array(
    z.looseObject({ channel: z.string(), ts: z.string(), user: z.string(), version: z.number() }),
  ),
  ephemerals: z.array(
    z.looseObject({ channel: z.string(), ts: z.string(), user: z.string(), to: z.string() }),
  ),
  homes: z.record(
    z.string(),
    z.looseObject({ id: z.string(), hash: z.string(), type: z.string(), blocks: z.array(z.any()) }),
  ),
  counters: z.object({ ts: z.number().int().min(0), view: z.number().int().min(0) }),
  dms: z.record(z.string(), z.string()).optional(),
  files: z
    .array(
      z.looseObject({
        id: z.string(),
        filename: z.string(),
        length: z.number(),
        bytes: z.base64(),
        channel: z.string().optional(),
      }),
    )
    .optional(),
});

/** What `npm start` prints once the sandbox runs (main.ts): where to open it, and how to leave it. */
export function sandboxWelcome(url: string): string {
  return [
    "",
    `  kundenbot sandbox: open ${url} in your browser.`,
    "  This is a sandbox: no Slack workspace, a built-in stand-in of Slack, data under DATA_DIR/sandbox.",
    "  To connect a real workspace, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN),",
    "  e.g. in .env; see README.md and manifest.yml.",
    "",
    "",
  ].join("\n");
}

/** The bot's configuration in the sandbox: everything Slack-side points at the built-in stand-in. */
export function sandboxBotConfig(config: Config, standinUrl: string, dir: string): Config {
  return {
    ...config,
    host: "127.0.0.1",
    slack: {
      botToken: `xoxb-sandbox-${randomBytes(8).toString("hex")}`,
      // Made at each start: only the bridge in this process can sign requests to the bot.
      signingSecret: randomBytes(32).toString("hex"),
      appToken: undefined,
      apiUrl: standinUrl,
      channelId: SANDBOX_TEAM_CHANNEL.id,
    },
    databaseUrl: undefined,
    dataDir: dir,
    ingestToken: randomBytes(24).toString("hex"),
    mail: { ...config.mail, smtpUrl: undefined, from: undefined },
    // A real mailbox would have its mails moved by the sandbox: no e-mail intake there.
    imap: undefined,
  };
}

/**
 * The sandbox: the unchanged bot (startApp) against the stand-in of Slack, plus the page and the
 * bridge on the bot's own server, bound to 127.0.0.1. Data under DATA_DIR/sandbox survives restarts.
 */
export async function startSandbox(config: Config, overrides: AppOverrides = {}): Promise<RunningSandbox> {
  // A taken PORT is one line before anything is opened or read.
  await assertPortFree(config.port, "127.0.0.1");
  const dir = sandboxDataDir(config.dataDir);
  await mkdir(path.join(dir, "mail"), { recursive: true, mode: 0o700 });
  const statePath = path.join(dir, "slack-state.json");
  const standin = new SlackStandin({
    channel: SANDBOX_TEAM_CHANNEL.id,
    members: SANDBOX_PEOPLE.filter((p) => p.member).map((p) => p.id),
    users: SANDBOX_PEOPLE.map((p) => ({ id: p.id, realName: p.realName, tz: SANDBOX_TZ })),
    strict: true,
  });
  const saved = await readFile(statePath, "utf8").then(
    (text) => savedState.safeParse(JSON.parse(text)),
    () => undefined,
  );
  if (saved?.success) standin.restore(saved.data as StandinState);
  await standin.start();

  const botConfig = sandboxBotConfig(config, standin.url, dir);
  const now = overrides.now ?? (() => new Date());
  let port = config.port;
  const bridge = new Bridge({
    standin,
    botUrl: () => `http://127.0.0.1:${port}`,
    signingSecret: botConfig.slack.signingSecret as string,
    channel: SANDBOX_TEAM_CHANNEL,
    tz: () => SANDBOX_TZ,
  });
  const mails = new MailFolder(path.join(dir, "mail"));
  let notify = () => {};
  let closeStreams = () => {};
  let saving: Promise<void> = Promise.resolve();
  let saveQueued = false;
  const save = () => {
    if (saveQueued) return;
    saveQueued = true;
    saving = saving.then(async () => {
      saveQueued = false;
      await writeFile(statePath, JSON.stringify(standin.snapshot()), { mode: 0o600 });
    });
  };
  // Which sample comes next, per kind: the first inquiry is always Eva Schäfer, the first invitation Klaus Weber.
  const simulated = { inquiry: 0, invitation: 0 };

  const app = await startApp(botConfig, {
    ...overrides,
    // The stand-in keeps ephemeral messages and Home views in slack-state.json: those naming an
    // erased person go, as everything else of theirs.
    afterErasure: async ({ email, names }) => {
      standin.forgetNaming([...addressForms(email), ...names.map((n) => n.toLowerCase())]);
      save();
      await saving;
    },
    guard: sameOriginGuard(() => port),
    routes: (deps, prisma) => {
      const r = sandboxRoutes({
        standin,
        bridge,
        mails,
        now,
        simulate: async (kind) => {
          const n = simulated[kind]++;
          const unique = `${now().getTime().toString(36)}-${n}`;
          if (kind === "inquiry")
            await deps.intake.receiveInquiry(inquiryInput.parse(sampleInquiry(n, unique)), { source: "api" });
          else
            await deps.intake.receiveInvitation(invitationInput.parse(sampleInvitation(n, unique)), {
              source: "api",
            });
        },
        simulateReply: async (file) => {
          const mail = await mails.find(file);
          if (!mail?.toAddress) return;
          // The same path as a mail from the mailbox: read as the watcher reads it, then its step.
          const read = await readMail(
            simulatedReply(mail, now(), "anfragen@sandbox.invalid"),
            botConfig.mail.from,
          );
          if (read.kind !== "inquiry") {
            deps.log.warn({ reason: read.reason }, "sandbox: the simulated reply was ignored");
            return;
          }
          await storeReadMail({ intake: deps.intake, replies: deps.conversation, log: deps.log }, read, {
            sandbox: true,
          });
        },
        reset: async () => {
          await clearDatabase(prisma);
          standin.calls.length = 0;
          standin.clearState();
          for (const f of await readdir(path.join(dir, "mail")))
            await rm(path.join(dir, "mail", f), { force: true });
          mails.forget();
          simulated.inquiry = 0;
          simulated.invitation = 0;
        },
      });
      notify = r.notify;
      closeStreams = r.closeStreams;
      return r.routes;
    },
  });
  port = app.port;
  // Message links (the digest's "Zur Nachricht") point into the page, which jumps to the message.
  standin.workspaceUrl = `http://127.0.0.1:${port}/`;
  // Keep the JSON panel's source small: only the last calls matter there.
  standin.onChange = () => {
    if (standin.calls.length > 200) standin.calls.splice(0, standin.calls.length - 200);
    save();
    notify();
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(path.join(dir, "mail"), () => notify());
  } catch (err) {
    deps(app).log.warn(
      { err },
      "sandbox: cannot watch the mail folder; new mails show after the next change",
    );
  }
  const url = `http://127.0.0.1:${port}/`;
  const log = deps(app).log;
  if (config.databaseUrl || config.mail.smtpUrl)
    log.warn(
      "sandbox: DATABASE_URL and SMTP_URL are ignored; the sandbox keeps its own data under DATA_DIR/sandbox",
    );
  log.info({ url, dataDir: dir }, "kundenbot is running as a sandbox (no Slack credentials set)");
  return {
    ...app,
    url,
    standin,
    bridge,
    stop: async () => {
      watcher?.close();
      // The pages' event streams never end by themselves; the server would wait for them.
      closeStreams();
      await app.stop();
      save();
      await saving;
      await standin.stop();
    },
  };
}

const deps = (app: RunningApp) => app.deps;
