import type { Db } from "../db.ts";

/** Jobs of one kind in one status, and (pending only) when the oldest of them was enqueued. */
export interface OutboxBacklogRow {
  kind: string;
  status: string;
  count: number;
  oldestCreatedAt: Date | null;
}

/**
 * The outbox's state per kind and status, in one grouped query (read at scrape time for
 * GET /metrics). The table stays small: done jobs are deleted after a week (KEEP_DONE_JOBS_MS).
 */
export async function outboxBacklog(db: Db): Promise<OutboxBacklogRow[]> {
  const rows = await db.$queryRaw<{ kind: string; status: string; count: number; oldest: Date | null }[]>`
    SELECT kind, status, count(*)::int AS count,
           min("createdAt") FILTER (WHERE status = 'pending') AS oldest
    FROM "OutboxJob"
    GROUP BY kind, status`;
  return rows.map((r) => ({
    kind: r.kind,
    status: r.status,
    count: Number(r.count),
    oldestCreatedAt: r.oldest === null ? null : new Date(r.oldest),
  }));
}
