import type { Db } from "../db.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import { PHASES, type Phase } from "./phase.ts";

/** A request's phase now (null: no such request, or its data was erased). */
export async function phaseOf(db: Db, kind: RequestKind, id: string): Promise<Phase | null> {
  const select = { phase: true, erasedAt: true } as const;
  const row =
    kind === "inquiry"
      ? await db.inquiry.findUnique({ where: { id }, select })
      : await db.invitation.findUnique({ where: { id }, select });
  return row && !row.erasedAt ? row.phase : null;
}

/**
 * Sets the phase when it is `from` now and the request is not erased: one conditional update, so that of two instances (or two
 * clicks) changing the same phase only one records the change. Returns whether it changed.
 */
export async function claimPhase(
  db: Db,
  kind: RequestKind,
  id: string,
  from: Phase,
  to: Phase,
): Promise<boolean> {
  // An erased request keeps its phase (a stale select changes nothing).
  const where = { id, phase: from, erasedAt: null };
  const { count } =
    kind === "inquiry"
      ? await db.inquiry.updateMany({ where, data: { phase: to } })
      : await db.invitation.updateMany({ where, data: { phase: to } });
  return count === 1;
}

/** Where a request's message is, and its customer (for the card's history); nulls: none yet. */
export async function placeOf(
  db: Db,
  kind: RequestKind,
  id: string,
): Promise<{ slackChannel: string | null; customerId: string | null }> {
  const select = { slackChannel: true, customerId: true } as const;
  const row =
    kind === "inquiry"
      ? await db.inquiry.findUnique({ where: { id }, select })
      : await db.invitation.findUnique({ where: { id }, select });
  return { slackChannel: row?.slackChannel ?? null, customerId: row?.customerId ?? null };
}

/** How many requests (inquiries and invitations, decided or not) are in each phase; every phase is listed. */
export async function countByPhase(db: Db): Promise<{ kind: RequestKind; phase: Phase; count: number }[]> {
  const [inquiries, invitations] = await Promise.all([
    db.inquiry.groupBy({ by: ["phase"], _count: { _all: true } }),
    db.invitation.groupBy({ by: ["phase"], _count: { _all: true } }),
  ]);
  const rows: { kind: RequestKind; phase: Phase; count: number }[] = [];
  for (const [kind, groups] of [
    ["inquiry", inquiries],
    ["invitation", invitations],
  ] as const) {
    for (const phase of PHASES) {
      rows.push({ kind, phase, count: groups.find((g) => g.phase === phase)?._count._all ?? 0 });
    }
  }
  return rows;
}

/** How many requests (both kinds, decided or not) are in each phase, in the phases' order. */
export async function countPerPhase(db: Db): Promise<{ phase: Phase; count: number }[]> {
  const byKind = await countByPhase(db);
  return PHASES.map((phase) => ({
    phase,
    count: byKind.filter((r) => r.phase === phase).reduce((sum, r) => sum + r.count, 0),
  }));
}
