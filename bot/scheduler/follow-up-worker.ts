import type { Logger } from "pino";
import type { PrismaClient } from "../../domain/db.ts";
import { claimDueFollowUps } from "../../domain/follow-ups/follow-up-service.ts";
import type { BackgroundWorker } from "../background-worker.ts";

/** How often an instance looks for due follow-ups: "within a minute of that time" (contract). */
const POLL_MS = 15_000;

/**
 * Finds follow-ups (Wiedervorlage) whose time has come and claims their thread posts (the claim
 * lives in the database, so several instances and restarts post each follow-up once; one due while
 * the bot was down is claimed at the first pass after the start, and posted marked late). The
 * posts go through the outbox.
 */
export function createFollowUpWorker(deps: {
  db: PrismaClient;
  now: () => Date;
  log: Logger;
  wakeOutbox: () => void;
  /** Tests poll faster. */
  pollMs?: number;
}): BackgroundWorker {
  const log = deps.log.child({ module: "follow-ups" });
  const pollMs = deps.pollMs ?? POLL_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const pass = async () => {
    try {
      const claimed = await claimDueFollowUps({ db: deps.db, now: deps.now });
      if (claimed > 0) {
        log.info({ claimed }, "follow-ups claimed");
        deps.wakeOutbox();
      }
    } catch (err) {
      log.error({ err }, "looking for due follow-ups failed; trying again at the next pass");
    }
  };
  const loop = () => {
    if (stopped) return;
    running = pass().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(loop, pollMs);
    });
  };
  return {
    name: "follow-ups",
    start() {
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
