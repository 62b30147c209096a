import type { Logger } from "pino";
import type { Db } from "../../domain/db.ts";
import type { BackgroundWorker } from "../background-worker.ts";
import type { Config } from "../config.ts";
import type { DigestPoster } from "./digest-poster.ts";
import { createSlotScheduler } from "./slot-scheduler.ts";

/** The node-cron task name: the prefix of its slot keys (`digest:<slot ISO time>`). */
export const DIGEST_TASK = "digest";

export interface DigestSchedulerDeps {
  config: Config;
  db: Db;
  log: Logger;
  now: () => Date;
  poster: DigestPoster;
}

/**
 * Posts the digest on DIGEST_CRON in DIGEST_TIMEZONE, once per slot across instances, with one
 * catch-up after downtime (DIGEST_CATCH_UP). See docs/decisions/005-digest-scheduling.md.
 */
export function createDigestScheduler(deps: DigestSchedulerDeps): BackgroundWorker {
  const { config } = deps;
  return createSlotScheduler({
    task: DIGEST_TASK,
    cron: config.digest.cron,
    timezone: config.digest.timezone,
    catchUp: config.digest.catchUp,
    db: deps.db,
    log: deps.log,
    now: deps.now,
    run: async (slot) => (await deps.poster.forSlot(slot)).status,
  });
}
