import type { Db } from "../db.ts";

/**
 * Claimed slots of scheduled tasks. A slot key is `<task>:<slot time as ISO 8601>` (node-cron's
 * coordination key); the primary key makes the first claim win, on every instance and forever.
 */

/** Claims a slot; true only for the one caller whose insert created the row. */
export async function claimSlot(db: Db, key: string, claimedBy: string): Promise<boolean> {
  const inserted = await db.$executeRaw`
    INSERT INTO "ScheduleSlot" (key, "claimedBy") VALUES (${key}, ${claimedBy})
    ON CONFLICT (key) DO NOTHING`;
  return inserted === 1;
}

/** The latest claimed slot time of a task, or undefined when it never ran. */
export async function findLastClaimedSlot(db: Db, task: string): Promise<Date | undefined> {
  // ISO 8601 times in UTC sort as text in time order, so the greatest key is the latest slot.
  const row = await db.scheduleSlot.findFirst({
    where: { key: { startsWith: `${task}:` } },
    orderBy: { key: "desc" },
    select: { key: true },
  });
  if (!row) return undefined;
  const at = new Date(row.key.slice(task.length + 1));
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Forgets claims of a task older than `before`, except its latest (which catch-up needs). */
export async function pruneSlots(db: Db, task: string, before: Date): Promise<number> {
  const last = await findLastClaimedSlot(db, task);
  if (!last) return 0;
  const { count } = await db.scheduleSlot.deleteMany({
    where: {
      key: { startsWith: `${task}:`, lt: `${task}:${last.toISOString()}` },
      claimedAt: { lt: before },
    },
  });
  return count;
}
