import { hostname } from "node:os";
import cron, { type Logger as CronLogger, type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import type { Db } from "../../domain/db.ts";
import { findLastClaimedSlot, pruneSlots } from "../../domain/schedule/schedule-slot-repository.ts";
import type { BackgroundWorker } from "../background-worker.ts";
import { latestSlot } from "./cron-slots.ts";
import { DbRunCoordinator } from "./db-run-coordinator.ts";

/** Claims of past slots are kept this long; the latest one is always kept (catch-up needs it). */
const KEEP_CLAIMS_MS = 7 * 24 * 3600_000;

/**
 * A late heartbeat (a busy event loop) still runs its slot within this time, never past the next
 * slot: node-cron's default of one second would silently drop the day's digest after a stall.
 */
const LATE_TOLERANCE_MS = 5 * 60_000;

/** How long stop() waits for a slot's work in flight. */
const STOP_WAIT_MS = 10_000;

export interface SlotSchedulerDeps {
  /** The node-cron task name: the prefix of its slot keys (`<task>:<slot ISO time>`). */
  task: string;
  cron: string;
  timezone: string;
  /** After downtime over a slot, run the latest missed slot once at start. */
  catchUp: boolean;
  db: Db;
  log: Logger;
  now: () => Date;
  /** The work of one slot; what it returns is logged as the outcome. */
  run: (slot: Date) => Promise<string>;
}

/**
 * Runs a task on a cron expression in a time zone, once per slot however many instances run.
 * Every instance schedules the task; the database coordinator lets exactly one of them run each
 * slot. At start, when slots were missed while no instance ran, the latest missed slot runs once
 * (catch-up). The digest and the weekly report use it. See docs/decisions/005-digest-scheduling.md.
 */
export function createSlotScheduler(deps: SlotSchedulerDeps): BackgroundWorker {
  const { db, now, task: TASK } = deps;
  const log = deps.log.child({ module: `${TASK}-scheduler` });
  const instanceId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const coordinator = new DbRunCoordinator(db, instanceId, log);
  let task: ScheduledTask | undefined;
  let stopping = false;
  // Work in flight (claims, slot runs, catch-up), so that stop() waits for it before the database closes.
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    work.then(
      () => inFlight.delete(work),
      () => inFlight.delete(work),
    );
    return work;
  };

  const post = async (slot: Date, reason: "scheduled" | "catch-up") => {
    const outcome = await deps.run(slot);
    log.info({ slot: slot.toISOString(), reason, outcome }, `${TASK} slot handled`);
    await pruneSlots(db, TASK, new Date(now().getTime() - KEEP_CLAIMS_MS));
  };

  // A claim is tracked from the insert until its work is done: a won slot is never dropped by a shutdown.
  let claimedRuns = 0;
  const trackingCoordinator = {
    shouldRun: (key: string) =>
      stopping
        ? false
        : track(
            coordinator.shouldRun(key).then((won) => {
              if (won) claimedRuns += 1;
              return won;
            }),
          ),
  };

  const catchUp = async () => {
    if (!deps.catchUp) return;
    const last = await findLastClaimedSlot(db, TASK);
    // Never ran before: nothing was missed that anyone waits for.
    if (!last) return;
    const missed = latestSlot(deps.cron, deps.timezone, now(), last);
    if (!missed) return;
    // The same key as the live slot: if another instance ran it after all, this claim loses.
    if (!(await coordinator.shouldRun(`${TASK}:${missed.toISOString()}`))) return;
    log.info(
      { last: last.toISOString(), missed: missed.toISOString() },
      `catching up one missed ${TASK} slot`,
    );
    await post(missed, "catch-up");
  };

  return {
    name: `${TASK}-scheduler`,
    start() {
      task = cron.createTask(
        deps.cron,
        (ctx) =>
          track(
            post(ctx.date, "scheduled").finally(() => {
              claimedRuns -= 1;
            }),
          ),
        {
          name: TASK,
          timezone: deps.timezone,
          distributed: true,
          runCoordinator: trackingCoordinator,
          missedExecutionTolerance: LATE_TOLERANCE_MS,
          logger: cronLogger(log),
        },
      );
      task.start();
      track(catchUp()).catch((err) => log.error({ err }, `${TASK} catch-up failed`));
      log.info(
        {
          cron: deps.cron,
          timezone: deps.timezone,
          next: task.getNextRun()?.toISOString(),
        },
        `${TASK} scheduled`,
      );
    },
    async stop() {
      stopping = true;
      await task?.destroy();
      // A won claim hands over to the task function a few ticks later; wait until that is done too.
      const deadline = Date.now() + STOP_WAIT_MS;
      while ((inFlight.size > 0 || claimedRuns > 0) && Date.now() < deadline) {
        await Promise.allSettled([...inFlight]);
        await new Promise((r) => setImmediate(r));
      }
    },
  };
}

/** node-cron's own messages (errors of the task, skipped slots) into our log. */
function cronLogger(log: Logger): CronLogger {
  return {
    info: (message) => log.debug(message),
    warn: (message) => log.warn(message),
    error: (message, err) =>
      message instanceof Error ? log.error({ err: message }) : log.error({ err }, message),
    debug: (message, err) => log.debug({ err }, String(message)),
  };
}
