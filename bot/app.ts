import type { PGlite } from "@electric-sql/pglite";
import type { DestinationStream, Logger } from "pino";
import { createConversationService } from "../domain/conversation/conversation-service.ts";
import { createCustomerService } from "../domain/customers/customer-service.ts";
import { createDecisionService } from "../domain/decisions/decision-service.ts";
import { enqueueRequestEvent, webhookEvents } from "../domain/events/webhook-events.ts";
import { createFollowUpService } from "../domain/follow-ups/follow-up-service.ts";
import { createIntakeService } from "../domain/intake/intake-service.ts";
import { allJobHandlers, jobs } from "../domain/outbox/jobs.ts";
import { OutboxWorker } from "../domain/outbox/outbox-worker.ts";
import { createPhaseService, firstAnswerMovesPhase } from "../domain/pipeline/phase-service.ts";
import { createPrivacyService, type PrivacyDeps } from "../domain/privacy/privacy-service.ts";
import { createReportService } from "../domain/report/report-service.ts";
import { createWaitingService } from "../domain/requests/waiting-service.ts";
import { createTriageService } from "../domain/triage/triage-service.ts";
import { registerListeners } from "../handlers/index.ts";
import type { AppDeps } from "./app-deps.ts";
import type { BackgroundWorker } from "./background-worker.ts";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { securePrivateDir } from "./files/private-dir.ts";
import { AuthFailureBrake } from "./http/auth-failure-brake.ts";
import type { RequestGuard, Route } from "./http/server.ts";
import { createLogger } from "./logger.ts";
import { fileMailArchive } from "./mail/mail-archive.ts";
import { createMailer } from "./mail/mailer.ts";
import { loadDeclineMailSettings } from "./mail/templates.ts";
import type { MailboxWatcher, MailIntakeTiming } from "./mail-intake/mailbox-watcher.ts";
import { countedConversation, countedDecisions, countedIntake } from "./metrics/counted.ts";
import { Metrics } from "./metrics/metrics.ts";
import { conversationJobHandlers } from "./outbox/conversation-jobs.ts";
import { digestJobHandlers } from "./outbox/digest-jobs.ts";
import { mailJobHandlers } from "./outbox/mail-jobs.ts";
import { reportJobHandlers } from "./outbox/report-jobs.ts";
import { requestJobHandlers } from "./outbox/request-jobs.ts";
import {
  createWorkerSlackClient,
  requestAnnouncer,
  slackJobHandlers,
  slackLaneLimit,
  teamLane,
} from "./outbox/slack-jobs.ts";
import { threadPostJobHandlers } from "./outbox/thread-posts.ts";
import { webhookJobHandlers } from "./outbox/webhook-jobs.ts";
import { healthRoute } from "./routes/health.ts";
import { intakeRoutes } from "./routes/intake.ts";
import { metricsRoute } from "./routes/metrics.ts";
import { DigestPoster } from "./scheduler/digest-poster.ts";
import { createDigestScheduler, DIGEST_TASK } from "./scheduler/digest-scheduler.ts";
import { createFollowUpWorker } from "./scheduler/follow-up-worker.ts";
import { createReminderWorker } from "./scheduler/reminder-worker.ts";
import { createRetentionJob } from "./scheduler/retention.ts";
import { createSlotScheduler } from "./scheduler/slot-scheduler.ts";
import { TeamMembership } from "./slack/team-membership.ts";
import { WorkspaceUrl } from "./slack/workspace-url.ts";
import { createSlackApp, type SlackApp } from "./slack-app.ts";

/** The node-cron task of the weekly report: slot keys `report:<slot ISO time>`. */
export const REPORT_TASK = "report";

export interface AppOverrides {
  /** An open PGlite to use instead of DATA_DIR (tests). */
  pglite?: PGlite;
  logDestination?: DestinationStream;
  now?: () => Date;
  /** Shorter lease, poll and backoff of the mailbox watcher (tests). */
  mailIntake?: MailIntakeTiming;
  /** More routes on the same server (the sandbox's page and bridge), built once the deps exist. */
  routes?: (deps: AppDeps, prisma: Database["prisma"]) => Route[];
  /** Checked before every route; a refused request gets 403 (the sandbox's DNS-rebinding guard). */
  guard?: RequestGuard;
  /** How often the reminder worker looks for due reminders (tests: faster than REMINDER_HOURS suggests). */
  reminderPollMs?: number;
  /** How often the follow-up worker looks for due follow-ups (default 15 s; tests: faster). */
  followUpPollMs?: number;
  /** After an erasure (the sandbox: its stand-in forgets ephemeral messages naming the person). */
  afterErasure?: PrivacyDeps["afterErasure"];
}

/** kundenbot wired but not running: no port, no socket, no worker started (bot/start.ts runs it). */
export interface App {
  config: Config;
  log: Logger;
  db: Database;
  slack: SlackApp;
  membership: TeamMembership;
  deps: AppDeps;
  routes: Route[];
  workers: BackgroundWorker[];
}

/** The composition root: config in, every module wired together. Nothing else wires modules. */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
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
  const now = overrides.now ?? (() => new Date());
  // The mailbox watcher, which the metrics read, is made further down; the rest is known now.
  let mailIntake: MailboxWatcher | undefined;
  const metrics = new Metrics({
    db: db.prisma,
    jobKinds: Object.values(jobs).map((j) => j.kind),
    reminderJobKind: jobs.remind.kind,
    digestTask: DIGEST_TASK,
    now,
    mailIntake: config.imap ? { status: () => (mailIntake as MailboxWatcher).status() } : undefined,
    log: log.child({ module: "metrics" }),
  });
  const slack = createSlackApp(
    config,
    log,
    (type, seconds) => metrics.ack(type, seconds),
    () => now().getTime(),
  );
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
    replyTo: config.mail.replyTo,
    agencyName: config.mail.agencyName,
    dataDir: config.dataDir,
    log,
  });
  // The handler of every job kind in domain/outbox/jobs.ts: a kind without one stops the start.
  const jobHandlers = allJobHandlers([
    slackJobHandlers({ client: workerClient, db: db.prisma, config, log: log.child({ module: "outbox" }) }),
    requestJobHandlers({
      client: workerClient,
      db: db.prisma,
      config,
      now,
      log: log.child({ module: "outbox" }),
    }),
    threadPostJobHandlers({ client: workerClient }),
    digestJobHandlers({ client: workerClient, db: db.prisma }),
    mailJobHandlers({ mailer, db: db.prisma, log: log.child({ module: "mail" }) }),
    webhookJobHandlers({
      config,
      log: log.child({ module: "webhooks" }),
      onAttempt: (result) => metrics.webhookAttempt(result),
    }),
    conversationJobHandlers({
      client: workerClient,
      db: db.prisma,
      now,
      log: log.child({ module: "outbox" }),
    }),
    reportJobHandlers({ client: workerClient, config, log: log.child({ module: "report" }) }),
  ]);
  const outbox = new OutboxWorker({
    db: db.prisma,
    handlers: jobHandlers,
    log: log.child({ module: "outbox" }),
    laneLimit: slackLaneLimit(config),
    onOutcome: (job, outcome) => metrics.jobOutcome(job.kind, outcome),
    // PGlite serves this process only: a lease found at start is left over from a crash.
    releaseLeasesAtStart: db.kind === "pglite",
    now,
  });
  // Services wake the worker of this process after committing a job; other instances poll.
  const wakeOutbox = () => outbox.wake();
  // Events for WEBHOOK_URL, enqueued by the services in their transactions (off without it).
  const events = webhookEvents({ enabled: config.webhook !== undefined, now });
  const workspaceUrl = new WorkspaceUrl(slack.app.client, log.child({ module: "workspace-url" }));
  const digest = new DigestPoster({
    config,
    db: db.prisma,
    now,
    log: log.child({ module: "digest" }),
    workspaceUrl,
    wakeOutbox,
  });
  const report = createReportService({
    db: db.prisma,
    now,
    timeZone: config.digest.timezone,
    invitationsEnabled: config.invitationsEnabled,
    teamLane: config.slack.channelId ? teamLane(config) : undefined,
    notify: wakeOutbox,
  });
  const privacyDeps = {
    db: db.prisma,
    now,
    mails: fileMailArchive(config.dataDir),
    notify: wakeOutbox,
    events,
    // The embedded database: an erasure also purges the erased values from its files.
    ...(db.purgeErased ? { purge: db.purgeErased } : {}),
    ...(overrides.afterErasure ? { afterErasure: overrides.afterErasure } : {}),
  };
  const { invitationsEnabled } = config;
  const conversation = countedConversation(
    createConversationService({
      db: db.prisma,
      now,
      notify: wakeOutbox,
      mail: { from: config.mail.from, signature: config.mail.signature },
      agencyName: config.mail.agencyName,
      onAnswerSent: [
        firstAnswerMovesPhase(events),
        (tx, sent) => enqueueRequestEvent(tx, events, "request.answered", sent.kind, sent.requestId),
      ],
    }),
    metrics,
  );
  const intake = countedIntake(
    createIntakeService({
      db: db.prisma,
      announce: requestAnnouncer(config),
      now,
      afterEnqueue: wakeOutbox,
      events,
    }),
    metrics,
  );
  // Loaded only with IMAP_URL: imapflow, mailparser and html-to-text are the process's largest
  // libraries after Bolt and Prisma (ADR 012).
  mailIntake = config.imap
    ? new (await import("./mail-intake/mailbox-watcher.ts")).MailboxWatcher({
        ...overrides.mailIntake,
        imap: config.imap,
        db: db.prisma,
        intake,
        replies: conversation,
        log: log.child({ module: "mail-intake" }),
        ownAddress: config.mail.from,
        seizeLeaseAtStart: db.kind === "pglite",
        now,
      })
    : undefined;
  const deps: AppDeps = {
    config,
    log,
    now,
    slack: slack.app.client,
    membership,
    customers: createCustomerService(db.prisma, events),
    waiting: createWaitingService(db.prisma, { invitationsEnabled }),
    decisions: countedDecisions(
      createDecisionService({
        db: db.prisma,
        now,
        invitationsEnabled,
        mail: loadDeclineMailSettings(config),
        notify: wakeOutbox,
        events,
      }),
      metrics,
    ),
    triage: createTriageService({ db: db.prisma, now, notify: wakeOutbox, events }),
    phase: createPhaseService({ db: db.prisma, notify: wakeOutbox, events }),
    followUps: createFollowUpService({
      db: db.prisma,
      now,
      timeZone: config.digest.timezone,
      notify: wakeOutbox,
    }),
    conversation,
    digest,
    report,
    intake,
    mailIntake,
    privacy: createPrivacyService(privacyDeps, { retentionDays: config.retentionDays }),
    workspaceUrl,
    yieldToAcks: slack.yieldToAcks,
  };
  registerListeners(slack.app, deps);

  const routes: Route[] = [healthRoute(db, () => (mailIntake ? { mailIntake: mailIntake.status() } : {}))];
  // One brake on guessing bearer tokens for every route that takes one: guesses count per address.
  const tokenBrake = new AuthFailureBrake({ now });
  routes.push(...intakeRoutes(deps, metrics, tokenBrake));
  routes.push(metricsRoute(config, metrics, { brake: tokenBrake, log: log.child({ module: "metrics" }) }));
  if (slack.httpListener) {
    const listener = slack.httpListener;
    routes.push({ method: "POST", path: "/slack/events", handler: (req, res) => listener(req, res) });
  }
  const workers: BackgroundWorker[] = [];
  workers.push(outbox);
  workers.push(createDigestScheduler({ config, db: db.prisma, log, now, poster: digest }));
  if (config.report.cron) {
    workers.push(
      createSlotScheduler({
        task: REPORT_TASK,
        cron: config.report.cron,
        timezone: config.digest.timezone,
        catchUp: config.digest.catchUp,
        db: db.prisma,
        log,
        now,
        run: async (slot) => (await report.forSlot(slot)).status,
      }),
    );
  }
  workers.push(
    createReminderWorker({
      db: db.prisma,
      now,
      log,
      settings: { ...config.reminders, timeZone: config.digest.timezone },
      wakeOutbox,
      pollMs: overrides.reminderPollMs,
    }),
  );
  workers.push(
    createFollowUpWorker({ db: db.prisma, now, log, wakeOutbox, pollMs: overrides.followUpPollMs }),
  );
  if (config.invitationsEnabled) {
    workers.push(createRetentionJob({ privacy: privacyDeps, retentionDays: config.retentionDays, log }));
  }
  if (mailIntake) workers.push(mailIntake);
  if (overrides.routes) routes.push(...overrides.routes(deps, db.prisma));
  return { config, log, db, slack, membership, deps, routes, workers };
}
