import type { AddressInfo } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import type { DestinationStream, Logger } from "pino";
import { createIntakeService } from "../domain/intake/intake-service.ts";
import { type JobHandlers, OutboxWorker } from "../domain/outbox/outbox-worker.ts";
import { registerListeners } from "../handlers/index.ts";
import type { Config } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import type { Deps } from "./deps.ts";
import { securePrivateDir } from "./files/private-dir.ts";
import { createHttpServer, type Route } from "./http/server.ts";
import { createLogger } from "./logger.ts";
import { createMailer } from "./mail/mailer.ts";
import { loadDeclineMailSettings } from "./mail/templates.ts";
import { mailJobHandlers } from "./outbox/mail-jobs.ts";
import { requestJobHandlers } from "./outbox/request-jobs.ts";
import {
  createWorkerSlackClient,
  requestAnnouncer,
  slackJobHandlers,
  slackLaneLimit,
} from "./outbox/slack-jobs.ts";
import { healthRoute } from "./routes/health.ts";
import { intakeRoutes } from "./routes/intake.ts";
import { DigestPoster } from "./scheduler/digest-poster.ts";
import { createDigestScheduler } from "./scheduler/digest-scheduler.ts";
import { createReminderWorker } from "./scheduler/reminder-worker.ts";
import { TeamMembership } from "./slack/team-membership.ts";
import { WorkspaceUrl } from "./slack/workspace-url.ts";
import { createSlackApp } from "./slack-app.ts";

/** Something that runs in the background (outbox worker, scheduler): started after the server, stopped before the database closes. */
export interface BackgroundWorker {
  name: string;
  start(): void;
  /** Resolves when the work in flight is finished. */
  stop(): Promise<void>;
}

export interface AppOverrides {
  /** An open PGlite to use instead of DATA_DIR (tests). */
  pglite?: PGlite;
  logDestination?: DestinationStream;
  now?: () => Date;
  /** How often the reminder worker looks for due reminders (tests: faster than REMINDER_HOURS suggests). */
  reminderPollMs?: number;
}

export interface RunningApp {
  port: number;
  deps: Deps;
  stop(): Promise<void>;
}

/** A public or shared team channel lets people outside the team read what the bot posts. */
async function warnWhenChannelIsExposed(
  membership: TeamMembership,
  channel: string | undefined,
  log: Logger,
): Promise<void> {
  try {
    const exposure = await membership.readExposure();
    if (!exposure) return;
    if (!exposure.isPrivate) {
      log.warn(
        { channel },
        "SLACK_CHANNEL_ID is a public channel: anyone in the workspace can read its requests and click their buttons without joining, and can join it; make it private",
      );
    }
    if (exposure.isShared) {
      log.warn(
        { channel },
        "SLACK_CHANNEL_ID is shared with another organisation (Slack Connect): its people see the requests; they are refused by the bot, but use a channel of your own team only",
      );
    }
  } catch (err) {
    log.warn({ err, channel }, "could not read the team channel's settings (conversations.info)");
  }
}

/** The composition root: config in, a running kundenbot out. Nothing else wires modules together. */
export async function startApp(config: Config, overrides: AppOverrides = {}): Promise<RunningApp> {
  const log = createLogger({ level: config.logLevel, destination: overrides.logDestination });
  const filesLog = log.child({ module: "files" });
  await securePrivateDir(config.dataDir, filesLog);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log,
    pglite: overrides.pglite,
  });
  await securePrivateDir(config.dataDir, filesLog, { expected: true });
  const slack = createSlackApp(config, log);
  const now = overrides.now ?? (() => new Date());
  const membership = new TeamMembership(
    slack.app.client,
    config.slack.channelId,
    log.child({ module: "membership" }),
    undefined,
    () => now().getTime(),
  );
  const workerClient = createWorkerSlackClient(config, log);
  const mailer = createMailer({
    smtpUrl: config.mail.smtpUrl,
    from: config.mail.from,
    agencyName: config.mail.agencyName,
    dataDir: config.dataDir,
    log,
  });
  // Outbox job kind → handler. A new kind is one more entry here.
  const jobHandlers: JobHandlers = {
    ...slackJobHandlers({
      client: workerClient,
      db: db.prisma,
      config,
      log: log.child({ module: "outbox" }),
    }),
    ...requestJobHandlers({ client: workerClient, db: db.prisma, config, now }),
    ...mailJobHandlers({ mailer, db: db.prisma, log: log.child({ module: "mail" }) }),
  };
  const outbox = new OutboxWorker({
    db: db.prisma,
    handlers: jobHandlers,
    log: log.child({ module: "outbox" }),
    laneLimit: slackLaneLimit(config),
    // PGlite serves this process only: a lease found at start is left over from a crash.
    releaseLeasesAtStart: db.kind === "pglite",
    now,
  });
  const workspaceUrl = new WorkspaceUrl(slack.app.client, log.child({ module: "workspace-url" }));
  const digest = new DigestPoster({
    config,
    prisma: db.prisma,
    now,
    log: log.child({ module: "digest" }),
    workspaceUrl,
    wakeOutbox: () => outbox.wake(),
  });
  const deps: Deps = {
    config,
    log,
    prisma: db.prisma,
    now,
    slack: slack.app.client,
    membership,
    declineMail: loadDeclineMailSettings(config),
    outbox,
    digest,
    intake: createIntakeService({
      prisma: db.prisma,
      announce: requestAnnouncer(config),
      now,
      afterEnqueue: () => outbox.wake(),
    }),
  };
  registerListeners(slack.app, deps);

  const routes: Route[] = [healthRoute(db)];
  routes.push(...intakeRoutes(deps));
  if (slack.httpListener) {
    const listener = slack.httpListener;
    routes.push({ method: "POST", path: "/slack/events", handler: (req, res) => listener(req, res) });
  }
  const workers: BackgroundWorker[] = [];
  workers.push(outbox);
  workers.push(createDigestScheduler({ config, prisma: db.prisma, log, now, poster: digest }));
  workers.push(
    createReminderWorker({
      db: db.prisma,
      now,
      log,
      settings: { ...config.reminders, timeZone: config.digest.timezone },
      wakeOutbox: () => outbox.wake(),
      pollMs: overrides.reminderPollMs,
    }),
  );

  const server = createHttpServer(routes, log);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  await slack.start();
  for (const w of workers) w.start();
  if (config.ingestToken && config.ingestToken.length < 16) {
    log.warn(
      "INGEST_TOKEN is shorter than 16 characters: anyone who guesses it can post requests; use e.g. openssl rand -hex 32",
    );
  }
  if (!config.slack.channelId) {
    log.warn(
      "SLACK_CHANNEL_ID is not set: requests are stored and wait for a channel; nobody can use the bot until it is set",
    );
  }
  log.info(
    { port, mode: slack.mode, database: db.kind, partnerProgram: config.partnerProgram },
    "kundenbot is running",
  );
  // Not awaited: the ack paths are up, and a slow or failing Slack must not hold up the start.
  void warnWhenChannelIsExposed(membership, config.slack.channelId, log);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      log.info("shutting down");
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all(workers.map((w) => w.stop()));
      await slack.stop();
      // Requests in flight finish; connections that stay idle are not waited for.
      await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000).unref())]);
      server.closeAllConnections();
      await db.close();
      await securePrivateDir(config.dataDir, filesLog, { expected: true });
      log.info("stopped");
      log.flush?.();
    })();
    return stopping;
  };
  return { port, deps, stop };
}
