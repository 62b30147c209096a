import type { Logger } from "pino";
import type { PrismaClient } from "../../domain/db.ts";
import { claimDueReminders, type ReminderSettings } from "../../domain/triage/reminder-service.ts";
import type { BackgroundWorker } from "../background-worker.ts";

/** How often an instance looks for due reminders, at most: a minute is early enough for "24 hours". */
const MAX_POLL_MS = 60_000;

/**
 * Finds requests that waited REMINDER_HOURS undecided and claims their reminders (the claim lives
 * in the database, so several instances and restarts post each reminder once). Polls at a tenth of
 * REMINDER_HOURS, between 1 s and a minute; the posts go through the outbox.
 */
export function createReminderWorker(deps: {
  db: PrismaClient;
  now: () => Date;
  log: Logger;
  settings: ReminderSettings;
  wakeOutbox: () => void;
  /** Tests poll faster than the hours would suggest. */
  pollMs?: number;
}): BackgroundWorker {
  const log = deps.log.child({ module: "reminders" });
  const pollMs =
    deps.pollMs ?? Math.min(MAX_POLL_MS, Math.max(1_000, (deps.settings.hours * 3_600_000) / 10));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const pass = async () => {
    try {
      const claimed = await claimDueReminders({ db: deps.db, now: deps.now }, deps.settings);
      if (claimed > 0) {
        log.info({ claimed }, "reminders claimed");
        deps.wakeOutbox();
      }
    } catch (err) {
      log.error({ err }, "looking for due reminders failed; trying again at the next pass");
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
    name: "reminders",
    start() {
      if (deps.settings.hours <= 0) {
        log.info("REMINDER_HOURS is 0: no reminders");
        return;
      }
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
