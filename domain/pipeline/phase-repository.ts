import type { Db } from "../db.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import { PHASES, type Phase } from "./phase.ts";

/** A request's phase now (null: no such request). */
export async function phaseOf(db: Db, kind: RequestKind, id: string): Promise<Phase | null> {
  const row =
    kind === "inquiry"
      ? await db.inquiry.findUnique({ where: { id }, select: { phase: true } })
      : await db.invitation.findUnique({ where: { id }, select: { phase: true } });
  return row?.phase ?? null;
}

/**
 * Sets the phase when it is `from` now: one conditional update, so that of two instances (or two
 * clicks) changing the same phase only one records the change. Returns whether it changed.
 */
export async function claimPhase(
  db: Db,
  kind: RequestKind,
  id: string,
  from: Phase,
  to: Phase,
): Promise<boolean> {
  const where = { id, phase: from };
  const { count } =
    kind === "inquiry"
      ? await db.inquiry.updateMany({ where, data: { phase: to } })
      : await db.invitation.updateMany({ where, data: { phase: to } });
  return count === 1;
}

/** Where a request's message is (null: not posted yet, or no such request). */
export async function slackChannelOf(db: Db, kind: RequestKind, id: string): Promise<string | null> {
  const row =
    kind === "inquiry"
      ? await db.inquiry.findUnique({ where: { id }, select: { slackChannel: true } })
      : await db.invitation.findUnique({ where: { id }, select: { slackChannel: true } });
  return row?.slackChannel ?? null;
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
