import type { Logger } from "pino";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../../domain/db.ts";
import type { MailIntakeStatus } from "../../domain/mail-intake/mail-intake-status.ts";
import { outboxBacklog } from "../../domain/outbox/outbox-stats-repository.ts";
import type { JobOutcome } from "../../domain/outbox/outbox-worker.ts";
import { countByPhase } from "../../domain/pipeline/phase-repository.ts";
import { findLastClaimedSlot } from "../../domain/schedule/schedule-slot-repository.ts";
import type { WebhookAttemptResult } from "../outbox/webhook-jobs.ts";
import type { SlackRequestType } from "../slack-app.ts";

/**
 * kundenbot's Prometheus metrics (GET /metrics, docs/decisions/009-metrics.md). One Registry per
 * app, never prom-client's global one: tests run several apps in one process. Every label value
 * comes from a fixed set below, so no name, address, user or channel id can become a label.
 */

export const REQUEST_SOURCES = ["api", "email", "manual"] as const;
export const REQUEST_KINDS = ["inquiry", "invitation"] as const;
export const INTAKE_STATUSES = ["created", "duplicate", "rejected"] as const;
export const FAILURE_REASONS = ["retry", "ratelimited", "blocked", "failed"] as const;
export const DECISION_KINDS = ["assign_existing", "create_customer", "decline"] as const;
export const DECISION_RESULTS = [
  "decided",
  "already_decided",
  "not_found",
  "customer_not_found",
  "not_available",
] as const;
const SLACK_PAYLOAD_TYPES = [
  "block_actions",
  "view_submission",
  "view_closed",
  "block_suggestion",
  "command",
  "event",
  "shortcut",
  "other",
] as const;
const OUTBOX_STATUSES = ["pending", "done", "failed"] as const;

/** From 1 ms to Slack's 3 s limit (and one past it: an ack after 3 s is an error for the user). */
const ACK_BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 3, 5];

/** A value from the fixed set, else the fallback: nothing from outside reaches a label unchecked. */
function oneOf<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export interface MetricsSources {
  db: Db;
  /** The job kinds of domain/outbox/jobs.ts; other kinds found in the table count as `unknown`. */
  jobKinds: string[];
  /** The kind whose done jobs are reminders posted (jobs.remind). */
  reminderJobKind: string;
  /** The slot task of the digest (its claimed slots say when the last digest slot ran). */
  digestTask: string;
  now: () => Date;
  mailIntake?: { status(): MailIntakeStatus };
  log: Logger;
}

/** What a scrape reads from the database, once per scrape however many gauges need it. */
interface ScrapeData {
  backlog: Awaited<ReturnType<typeof outboxBacklog>>;
  phases: Awaited<ReturnType<typeof countByPhase>>;
  lastDigestSlot: Date | undefined;
}

const WEBHOOK_RESULTS = ["2xx", "3xx", "4xx", "5xx", "timeout", "network"] as const;

/** From five minutes to a week: a first answer is a matter of hours, sometimes days. */
const FIRST_ANSWER_BUCKETS = [
  300,
  900,
  1800,
  3600,
  2 * 3600,
  4 * 3600,
  8 * 3600,
  24 * 3600,
  48 * 3600,
  72 * 3600,
  168 * 3600,
];

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<"source" | "kind" | "status">;
  private readonly jobFailures: Counter<"kind" | "reason">;
  private readonly decisionsMade: Counter<"kind" | "request" | "result">;
  private readonly remindersPosted: Counter;
  private readonly webhookAttempts: Counter<"result">;
  private readonly ackSeconds: Histogram<"type">;
  private readonly firstAnswerSeconds: Histogram<"kind">;
  private readonly repliesReceived: Counter;
  private readonly jobKinds: readonly string[];
  private scrape: Promise<ScrapeData | undefined> | undefined;

  constructor(private readonly sources: MetricsSources) {
    const registers = [this.registry];
    this.jobKinds = [...sources.jobKinds, "unknown"];
    collectDefaultMetrics({ register: this.registry });

    this.requests = new Counter({
      name: "kundenbot_requests_received_total",
      help: "Inquiries and invitations received, by source, kind and status (created, duplicate, rejected: 4xx at the intake API)",
      labelNames: ["source", "kind", "status"],
      registers,
    });
    this.jobFailures = new Counter({
      name: "kundenbot_outbox_job_failures_total",
      help: "Outbox job runs that did not end done, by job kind and reason (retry, ratelimited, blocked, failed)",
      labelNames: ["kind", "reason"],
      registers,
    });
    this.decisionsMade = new Counter({
      name: "kundenbot_decisions_total",
      help: "Decision submissions, by kind (assign_existing, create_customer, decline), request kind and result",
      labelNames: ["kind", "request", "result"],
      registers,
    });
    this.remindersPosted = new Counter({
      name: "kundenbot_triage_reminders_posted_total",
      help: "Reminders posted in the thread of requests nobody decided (by this instance)",
      registers,
    });
    this.webhookAttempts = new Counter({
      name: "kundenbot_webhook_attempts_total",
      help: 'Attempts to deliver an event to WEBHOOK_URL, by result (2xx: delivered; 3xx, 4xx, 5xx, timeout, network: retried); the backlog is kundenbot_outbox_jobs{kind="webhook.send"}',
      labelNames: ["result"],
      registers,
    });
    this.ackSeconds = new Histogram({
      name: "kundenbot_slack_ack_seconds",
      help: "Time from a Slack request's arrival to its answer (HTTP response or Socket Mode ack), by payload type",
      labelNames: ["type"],
      buckets: ACK_BUCKETS,
      registers,
    });
    this.firstAnswerSeconds = new Histogram({
      name: "kundenbot_first_answer_seconds",
      help: "Time from a request's arrival to the first answer sent to its prospect (Antworten), by request kind",
      labelNames: ["kind"],
      buckets: FIRST_ANSWER_BUCKETS,
      registers,
    });
    this.repliesReceived = new Counter({
      name: "kundenbot_replies_received_total",
      help: "Replies of prospects read from the mailbox and posted in their request's thread (by this instance)",
      registers,
    });
    this.repliesReceived.inc(0);
    // Zeroes for every label combination: a counter that has never moved is still a series, so
    // rate() and alerts see 0 instead of nothing.
    for (const source of REQUEST_SOURCES)
      for (const kind of REQUEST_KINDS)
        for (const status of INTAKE_STATUSES) this.requests.inc({ source, kind, status }, 0);
    for (const kind of this.jobKinds)
      for (const reason of FAILURE_REASONS) this.jobFailures.inc({ kind, reason }, 0);
    this.remindersPosted.inc(0);
    for (const result of WEBHOOK_RESULTS) this.webhookAttempts.inc({ result }, 0);

    const scraped = () => this.scrapeOnce();
    const kinds = this.jobKinds;
    new Gauge({
      name: "kundenbot_outbox_jobs",
      help: "Outbox jobs in the database, by job kind and status (pending, done: kept a week, failed: kept for a person to look at)",
      labelNames: ["kind", "status"],
      registers,
      async collect() {
        const data = await scraped();
        this.reset();
        if (!data) return;
        for (const kind of kinds) for (const status of OUTBOX_STATUSES) this.set({ kind, status }, 0);
        for (const row of data.backlog) {
          const labels = {
            kind: oneOf(row.kind, kinds, "unknown"),
            status: oneOf(row.status, OUTBOX_STATUSES, "failed"),
          };
          this.inc(labels, row.count);
        }
      },
    });
    const now = () => this.sources.now().getTime();
    new Gauge({
      name: "kundenbot_outbox_oldest_pending_age_seconds",
      help: "Age of the oldest pending outbox job of each kind, since it was enqueued (0: none pending)",
      labelNames: ["kind"],
      registers,
      async collect() {
        const data = await scraped();
        this.reset();
        if (!data) return;
        const oldest = new Map<string, number>();
        for (const row of data.backlog) {
          if (row.status !== "pending" || !row.oldestCreatedAt) continue;
          const kind = oneOf(row.kind, kinds, "unknown");
          const at = row.oldestCreatedAt.getTime();
          oldest.set(kind, Math.min(oldest.get(kind) ?? at, at));
        }
        for (const kind of kinds) {
          const at = oldest.get(kind);
          this.set({ kind }, at === undefined ? 0 : Math.max(0, (now() - at) / 1000));
        }
      },
    });
    new Gauge({
      name: "kundenbot_requests_by_phase",
      help: "Requests (inquiries and invitations, decided or not) in each pipeline phase: new, contacted, offer, won, lost",
      labelNames: ["kind", "phase"],
      registers,
      async collect() {
        const data = await scraped();
        this.reset();
        for (const row of data?.phases ?? []) this.set({ kind: row.kind, phase: row.phase }, row.count);
      },
    });
    new Gauge({
      name: "kundenbot_digest_last_slot_timestamp_seconds",
      help: "When the latest digest slot was claimed for posting (its scheduled time, Unix seconds; absent: never)",
      registers,
      async collect() {
        const data = await scraped();
        this.reset();
        if (data?.lastDigestSlot) this.set(data.lastDigestSlot.getTime() / 1000);
      },
    });
    const mailIntake = sources.mailIntake;
    if (mailIntake) this.mailboxGauges(mailIntake, registers);
  }

  private mailboxGauges(mailIntake: { status(): MailIntakeStatus }, registers: Registry[]) {
    new Gauge({
      name: "kundenbot_mailbox_connected",
      help: "1 when this instance is connected to the IMAP mailbox, else 0 (standby: another instance holds it)",
      labelNames: ["state"],
      registers,
      collect() {
        const { state } = mailIntake.status();
        this.reset();
        this.set({ state }, state === "connected" ? 1 : 0);
      },
    });
    const seconds = (iso: string | undefined) => (iso ? Date.parse(iso) / 1000 : undefined);
    new Gauge({
      name: "kundenbot_mailbox_last_mail_timestamp_seconds",
      help: "When this instance last processed a mail (Unix seconds; absent: none since start)",
      registers,
      collect() {
        this.reset();
        const at = seconds(mailIntake.status().lastMailAt);
        if (at !== undefined) this.set(at);
      },
    });
    new Gauge({
      name: "kundenbot_mailbox_last_error_timestamp_seconds",
      help: "When the mailbox last failed (Unix seconds; absent: no failure since start)",
      registers,
      collect() {
        this.reset();
        const at = seconds(mailIntake.status().lastErrorAt);
        if (at !== undefined) this.set(at);
      },
    });
    new Counter({
      name: "kundenbot_mailbox_mails_total",
      help: "Mails processed by this instance since start: inquiry (stored, or stored before) or ignored",
      labelNames: ["result"],
      registers,
      collect() {
        const status = mailIntake.status();
        this.reset();
        this.inc({ result: "inquiry" }, status.inquiries);
        this.inc({ result: "ignored" }, status.ignored);
      },
    });
  }

  /** One database round per scrape: the gauges that need it share the promise of the scrape in flight. */
  private scrapeOnce(): Promise<ScrapeData | undefined> {
    this.scrape ??= (async () => {
      try {
        const [backlog, lastDigestSlot, phases] = await Promise.all([
          outboxBacklog(this.sources.db),
          findLastClaimedSlot(this.sources.db, this.sources.digestTask),
          countByPhase(this.sources.db),
        ]);
        return { backlog, lastDigestSlot, phases };
      } catch (err) {
        // The database's own state is /healthz's business; here the gauges are left out, not stale.
        this.sources.log.warn({ err }, "metrics: could not read the outbox backlog");
        return undefined;
      } finally {
        setImmediate(() => {
          this.scrape = undefined;
        });
      }
    })();
    return this.scrape;
  }

  /** The text format for GET /metrics. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  intake(source: string, kind: string, status: (typeof INTAKE_STATUSES)[number]): void {
    this.requests.inc({
      source: oneOf(source, REQUEST_SOURCES, "api"),
      kind: oneOf(kind, REQUEST_KINDS, "inquiry"),
      status,
    });
  }

  /** The outbox worker's onOutcome hook. */
  jobOutcome(kind: string, outcome: JobOutcome): void {
    const label = oneOf(kind, this.jobKinds, "unknown");
    if (outcome.type === "done") {
      if (kind === this.sources.reminderJobKind) this.remindersPosted.inc();
      return;
    }
    this.jobFailures.inc({ kind: label, reason: outcome.type });
  }

  /** One attempt to deliver a webhook (bot/outbox/webhook-jobs.ts). */
  webhookAttempt(result: WebhookAttemptResult): void {
    this.webhookAttempts.inc({ result: oneOf(result, WEBHOOK_RESULTS, "network") });
  }

  /** The decision service's onDecision hook. */
  decision(kind: string, request: string, result: string): void {
    this.decisionsMade.inc({
      kind: oneOf(kind, DECISION_KINDS, "create_customer"),
      request: oneOf(request, REQUEST_KINDS, "inquiry"),
      result: oneOf(result, DECISION_RESULTS, "not_found"),
    });
  }

  /** The first answer to a request was sent, this long after it arrived. */
  firstAnswer(kind: string, seconds: number): void {
    this.firstAnswerSeconds.observe({ kind: oneOf(kind, REQUEST_KINDS, "inquiry") }, Math.max(0, seconds));
  }

  replyReceived(): void {
    this.repliesReceived.inc();
  }

  ack(type: SlackRequestType, seconds: number): void {
    this.ackSeconds.observe({ type: oneOf(type, SLACK_PAYLOAD_TYPES, "other") }, seconds);
  }
}
