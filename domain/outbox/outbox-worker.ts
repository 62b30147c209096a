import type { Logger } from "pino";
import type { Db } from "../db.ts";
import { ensureLane, pauseLane, returnLaneToken, takeLaneToken } from "./lane-rate-repository.ts";
import {
  type ClaimedJob,
  claimNextJob,
  completeJob,
  deleteDoneJobsBefore,
  dueLanes,
  failJob,
  pendingKindsExcept,
  releaseAllLeases,
  rescheduleJob,
  retryWaitingJobsNow,
} from "./outbox-repository.ts";

/**
 * The outbox worker: claims due jobs lane by lane, runs the handler of each job's kind and records
 * the outcome. It knows no Slack or SMTP: the handlers (passed in by the composition root) do, and
 * tell it what happened.
 */

export type JobOutcome =
  /** Carried out. */
  | { type: "done" }
  /** A passing failure (network, 5xx): run again after `afterMs`, or an exponential backoff. */
  | { type: "retry"; error: string; afterMs?: number }
  /** The other side asked us to wait (HTTP 429, Retry-After): the whole lane pauses; no attempt counted. */
  | { type: "ratelimited"; afterMs: number }
  /** A configuration problem that a retry cannot fix by itself: kept, retried with a long backoff, logged with what to do. */
  | { type: "blocked"; error: string; action: string }
  /** Can never succeed (bad payload): recorded as failed and not retried. */
  | { type: "failed"; error: string };

export const Outcome = {
  done: (): JobOutcome => ({ type: "done" }),
  retry: (error: string, afterMs?: number): JobOutcome => ({ type: "retry", error, afterMs }),
  ratelimited: (afterMs: number): JobOutcome => ({ type: "ratelimited", afterMs }),
  blocked: (error: string, action: string): JobOutcome => ({ type: "blocked", error, action }),
  failed: (error: string): JobOutcome => ({ type: "failed", error }),
};

export type JobHandler = (job: ClaimedJob) => Promise<JobOutcome>;
/** kind → handler; the kinds and their payloads are declared in domain/outbox/jobs.ts. */
export type JobHandlers = Record<string, JobHandler>;

/** At most one job per `intervalMs` in a lane, after a burst of `burst`. */
export interface LaneLimit {
  intervalMs: number;
  burst: number;
}

export interface OutboxWorkerOptions {
  db: Db;
  handlers: JobHandlers;
  log: Logger;
  /** The rate of a lane; undefined: no limit (jobs of one lane still run one after another). */
  laneLimit?: (lane: string) => LaneLimit | undefined;
  /** How often to look for jobs that other instances enqueued or that became due (ms). */
  pollMs?: number;
  /** How long a claimed job is kept from others; after a crash it runs again once this has passed. */
  leaseMs?: number;
  /** Told every outcome (metrics); must not throw or take long. */
  onOutcome?: (job: ClaimedJob, outcome: JobOutcome) => void;
  /** Release every lease at start: right when only this process can use the database (PGlite). */
  releaseLeasesAtStart?: boolean;
  now?: () => Date;
}

const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 5 * 60_000;
const BLOCKED_BASE_MS = 30_000;
const BLOCKED_MAX_MS = 15 * 60_000;
const UNKNOWN_KIND_CHECK_MS = 60_000;
/** Done jobs are kept this long (their dedupe keys still deduplicate), then deleted. */
export const KEEP_DONE_JOBS_MS = 7 * 24 * 3600_000;
const LANE_IN_FLIGHT = 4;
/** How long wakes are gathered into one look for due jobs. */
const WAKE_COALESCE_MS = 20;

/** Exponential backoff with ±20 % jitter, so that instances do not retry in lockstep. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

interface LaneState {
  /** This instance's own pause of the lane (a blocked job; a 429 also pauses it in the database). */
  pausedUntil: number;
}

export class OutboxWorker {
  readonly name = "outbox";
  private readonly handlers: JobHandlers;
  private readonly kinds: string[];
  private readonly log: Logger;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly now: () => Date;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly runners = new Map<string, Promise<void>>();
  /** Lanes that got new work while their runner was looking: it looks again before it ends. */
  private readonly dirty = new Set<string>();
  private readonly lanes = new Map<string, LaneState>();
  /** Lanes whose shared bucket row this process has made sure of. */
  private readonly knownLanes = new Set<string>();
  private readonly sleepers = new Set<{ wakeable: boolean; done: () => void }>();
  private woken = false;
  private readonly warnedKinds = new Set<string>();
  private lastKindCheck = 0;

  constructor(private readonly opts: OutboxWorkerOptions) {
    this.handlers = opts.handlers;
    this.kinds = Object.keys(opts.handlers);
    this.log = opts.log;
    this.pollMs = opts.pollMs ?? 1_000;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.now = opts.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Look for due jobs now (called right after an enqueue in this process). */
  wake(): void {
    this.woken = true;
    for (const s of this.sleepers) if (s.wakeable) s.done();
  }

  /** Stops claiming, and resolves when the jobs in flight are finished and recorded. */
  async stop(): Promise<void> {
    this.running = false;
    for (const s of this.sleepers) s.done();
    await this.loop;
    await Promise.all(this.runners.values());
  }

  private async run() {
    try {
      const now = this.now();
      if (this.opts.releaseLeasesAtStart) {
        const released = await releaseAllLeases(this.opts.db);
        if (released > 0) this.log.info({ released }, "released leases left over from a crash");
      }
      const due = await retryWaitingJobsNow(this.opts.db, now);
      if (due > 0) this.log.info({ jobs: due }, "retrying waiting outbox jobs now");
    } catch (err) {
      this.log.error({ err }, "outbox: could not prepare the queue at start");
    }
    while (this.running) {
      this.woken = false;
      try {
        await this.tick();
      } catch (err) {
        this.log.error({ err }, "outbox: looking for due jobs failed; trying again");
      }
      if (!this.woken) await this.sleep(this.pollMs, true);
      // Woken while looking: under a stream of requests every commit wakes the worker, and looking
      // again at once would query the database once per request. Wakes within a few ms are one.
      else await this.sleep(WAKE_COALESCE_MS, false);
    }
  }

  private async tick() {
    const now = this.now();
    if (now.getTime() - this.lastKindCheck > UNKNOWN_KIND_CHECK_MS) {
      this.lastKindCheck = now.getTime();
      for (const { kind, count } of await pendingKindsExcept(this.opts.db, this.kinds)) {
        if (this.warnedKinds.has(kind)) continue;
        this.warnedKinds.add(kind);
        this.log.warn(
          { kind, count },
          "outbox jobs of a kind without a handler stay pending; register a handler for it in bot/app.ts",
        );
      }
      const deleted = await deleteDoneJobsBefore(this.opts.db, new Date(now.getTime() - KEEP_DONE_JOBS_MS));
      if (deleted > 0) this.log.debug({ deleted }, "deleted outbox jobs done more than 7 days ago");
    }
    for (const lane of await dueLanes(this.opts.db, this.kinds, now)) {
      if (this.runners.has(lane)) {
        this.dirty.add(lane);
        continue;
      }
      const runner = this.runLane(lane).finally(() => this.runners.delete(lane));
      this.runners.set(lane, runner);
    }
  }

  /**
   * Runs the due jobs of one lane in creation order, at the lane's rate. Up to LANE_IN_FLIGHT jobs
   * overlap, so that a slow answer or database write does not cost throughput; at Slack's one post
   * per second a call is long finished before the next starts, so the channel keeps the order.
   */
  private async runLane(lane: string) {
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      await this.fillLane(lane, inFlight);
      await Promise.all(inFlight);
      // New work may have come while the last jobs were finishing.
      if (!this.running || !this.dirty.has(lane)) return;
    }
  }

  private async fillLane(lane: string, inFlight: Set<Promise<void>>) {
    const limit = this.opts.laneLimit?.(lane);
    try {
      while (this.running) {
        const wait = this.laneWait(lane);
        if (wait > 0) {
          await this.sleep(wait, false);
          continue;
        }
        if (inFlight.size >= LANE_IN_FLIGHT) {
          await Promise.race(inFlight);
          continue;
        }
        // The lane's rate is shared by every instance (ADR 010): a token first, then the job, so
        // that the instance that got the token posts the oldest job and the channel keeps its order.
        if (limit) {
          const until = await this.takeSharedToken(lane, limit);
          if (until > 0) {
            await this.sleep(until, false);
            continue;
          }
        }
        this.dirty.delete(lane);
        let job: ClaimedJob | undefined;
        try {
          job = await claimNextJob(this.opts.db, lane, this.kinds, this.now(), this.leaseMs);
        } catch (err) {
          // The token was this instance's to use; unused, it goes back to every instance's bucket.
          if (limit) await returnLaneToken(this.opts.db, lane, limit).catch(() => {});
          throw err;
        }
        if (!job) {
          if (limit) await returnLaneToken(this.opts.db, lane, limit);
          if (this.dirty.has(lane) && this.running) continue;
          break;
        }
        const run: Promise<void> = this.runJob(job).finally(() => inFlight.delete(run));
        inFlight.add(run);
      }
    } catch (err) {
      this.log.error({ err, lane }, "outbox: a lane stopped on an error; it resumes at the next poll");
    }
  }

  private async takeSharedToken(lane: string, limit: LaneLimit): Promise<number> {
    if (!this.knownLanes.has(lane)) {
      await ensureLane(this.opts.db, lane, limit);
      this.knownLanes.add(lane);
    }
    return takeLaneToken(this.opts.db, lane, limit);
  }

  private async runJob(job: ClaimedJob) {
    const log = this.log.child({
      job: String(job.id),
      kind: job.kind,
      lane: job.lane,
      attempt: job.attempts,
    });
    const handler = this.handlers[job.kind];
    let outcome: JobOutcome;
    try {
      outcome = handler ? await handler(job) : Outcome.retry(`no handler for ${job.kind}`, RETRY_MAX_MS);
    } catch (err) {
      outcome = Outcome.retry(err instanceof Error ? err.message : String(err));
    }
    this.opts.onOutcome?.(job, outcome);
    const now = this.now();
    const db = this.opts.db;
    await this.record(log, async () => {
      switch (outcome.type) {
        case "done":
          await completeJob(db, job.id, now);
          log.debug("outbox job done");
          // A job of the same record may have waited for this one (orderKeys): look again now.
          if (job.ordered) this.dirty.add(job.lane);
          return;
        case "retry": {
          const after = outcome.afterMs ?? backoffMs(job.attempts, RETRY_BASE_MS, RETRY_MAX_MS);
          await rescheduleJob(db, job.id, new Date(now.getTime() + after), outcome.error);
          log.warn({ error: outcome.error, retryInMs: after }, "outbox job failed; it will be retried");
          return;
        }
        case "ratelimited": {
          this.pause(job.lane, now.getTime() + outcome.afterMs);
          // Every instance pauses the lane, not only this one.
          if (this.opts.laneLimit?.(job.lane)) await pauseLane(db, job.lane, outcome.afterMs);
          await rescheduleJob(db, job.id, new Date(now.getTime() + outcome.afterMs), "rate limited", false);
          log.info({ pauseMs: outcome.afterMs }, "rate limited: the lane pauses as asked");
          return;
        }
        case "blocked": {
          const after = backoffMs(job.attempts, BLOCKED_BASE_MS, BLOCKED_MAX_MS);
          // The same problem would hit every job of the lane: pause it instead of trying each.
          this.pause(job.lane, now.getTime() + after);
          await rescheduleJob(db, job.id, new Date(now.getTime() + after), outcome.error);
          log.error(
            { error: outcome.error, retryInMs: after },
            `outbox job cannot be carried out: ${outcome.error}. What to do: ${outcome.action}. The job is kept and retried.`,
          );
          return;
        }
        case "failed":
          await failJob(db, job.id, outcome.error, now);
          log.error({ error: outcome.error }, "outbox job failed permanently and was recorded as failed");
          if (job.ordered) this.dirty.add(job.lane);
          return;
      }
    });
  }

  /** Records an outcome, retrying briefly: if it cannot be written, the lease runs out and the job runs again. */
  private async record(log: Logger, write: () => Promise<void>) {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (err) {
        if (attempt >= 3) {
          log.error({ err }, "outbox: could not record a job's outcome; it runs again when its lease ends");
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  private state(lane: string): LaneState {
    let s = this.lanes.get(lane);
    if (!s) {
      s = { pausedUntil: 0 };
      this.lanes.set(lane, s);
    }
    return s;
  }

  /** Milliseconds until this instance's own pause of the lane ends. */
  private laneWait(lane: string): number {
    const s = this.state(lane);
    const now = Date.now();
    return s.pausedUntil > now ? s.pausedUntil - now : 0;
  }

  private pause(lane: string, until: number) {
    const s = this.state(lane);
    // Wall-clock based like laneWait; `until` came from the injectable clock, so convert to a delay.
    const delay = until - this.now().getTime();
    s.pausedUntil = Math.max(s.pausedUntil, Date.now() + delay);
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        wakeable,
        done: () => {
          clearTimeout(timer);
          this.sleepers.delete(entry);
          resolve();
        },
      };
      const timer = setTimeout(entry.done, ms);
      this.sleepers.add(entry);
    });
  }
}
