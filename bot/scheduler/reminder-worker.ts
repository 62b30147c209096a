import type { Logger } from "pino";
import type { PrismaClient } from "../../domain/db.ts";
import { claimDueReminders, type ReminderSettings } from "../../domain/triage/reminder-service.ts";
import type { BackgroundWorker } from "../background-worker.ts";
import { createClaimPoller } from "./claim-poller.ts";

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
  return createClaimPoller({
    name: "reminders",
    what: "reminders",
    pollMs: deps.pollMs ?? Math.min(MAX_POLL_MS, Math.max(1_000, (deps.settings.hours * 3_600_000) / 10)),
    log: deps.log,
    claim: () => claimDueReminders({ db: deps.db, now: deps.now }, deps.settings),
    wakeOutbox: deps.wakeOutbox,
    disabled: () => (deps.settings.hours <= 0 ? "REMINDER_HOURS is 0: no reminders" : undefined),
  });
}
