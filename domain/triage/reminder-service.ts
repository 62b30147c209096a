import type { PrismaClient } from "../db.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import { slackLane } from "../outbox/outbox-repository.ts";
import { claimReminder, listDueReminders } from "./reminder-repository.ts";
import { isWindowOpen, type ReminderWindow } from "./reminder-window.ts";

export interface ReminderSettings {
  /** REMINDER_HOURS; 0 turns reminders off. */
  hours: number;
  window: ReminderWindow;
  timeZone: string;
}

/** How many reminders one pass claims at most; the next pass takes the rest. */
const BATCH = 25;

/**
 * Claims the reminders that are due now and enqueues their thread posts. A request is due once it
 * waited `hours` undecided and the window is open. The claim is a conditional update of
 * `remindedAt` (only while it is null and the request undecided), in one transaction with the
 * enqueue: however many instances run, and across restarts, each request gets one reminder.
 * Returns how many this call claimed.
 */
export async function claimDueReminders(
  deps: { db: PrismaClient; now: () => Date },
  settings: ReminderSettings,
): Promise<number> {
  if (settings.hours <= 0) return 0;
  const now = deps.now();
  if (!isWindowOpen(now, settings.window, settings.timeZone)) return 0;
  const due = await listDueReminders(deps.db, new Date(now.getTime() - settings.hours * 3_600_000), BATCH);
  let claimed = 0;
  for (const r of due) {
    const won = await deps.db.$transaction(async (tx) => {
      if (!(await claimReminder(tx, r, now))) return false;
      await enqueue(
        tx,
        jobs.remind,
        { kind: r.kind, id: r.id },
        { lane: slackLane(r.slackChannel ?? "unposted"), dedupeKey: `reminder:${r.kind}:${r.id}` },
      );
      return true;
    });
    if (won) claimed++;
  }
  return claimed;
}
