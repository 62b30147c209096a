import { describe, expect, it } from "vitest";
import {
  claimSlot,
  findLastClaimedSlot,
  pruneSlots,
} from "../../../domain/schedule/schedule-slot-repository.ts";
import { dbKinds } from "../../support/db.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";

// The slot table stays bounded (issue 15): a task's old claims are pruned, but never its latest,
// which tells the catch-up after a restart whether the last slot ran; other tasks are not touched.
describe.each(dbKinds())("claimed schedule slots on %s", (kind) => {
  const t = useTestDatabase(kind);
  const now = new Date("2026-12-03T12:00:00Z");
  const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600_000);

  const slot = (task: string, at: Date, claimedAt: Date) =>
    t.db.prisma.scheduleSlot.create({
      data: { key: `${task}:${at.toISOString()}`, claimedBy: "instance-a", claimedAt },
    });
  const keys = async (task: string) =>
    (
      await t.db.prisma.scheduleSlot.findMany({
        where: { key: { startsWith: `${task}:` } },
        orderBy: { key: "asc" },
      })
    ).map((s) => s.key.slice(task.length + 1));

  it("forgets a task's claims older than the cut-off, keeps newer ones and always its latest", async () => {
    const task = `digest-${kind}`;
    for (const d of [40, 35, 31, 20, 2]) await slot(task, daysAgo(d), daysAgo(d));
    await slot(`other-${kind}`, daysAgo(40), daysAgo(40));

    expect(await pruneSlots(t.db.prisma, task, daysAgo(30))).toBe(3);
    expect(await keys(task)).toEqual([daysAgo(20).toISOString(), daysAgo(2).toISOString()]);
    expect(await keys(`other-${kind}`)).toHaveLength(1);
    expect(await pruneSlots(t.db.prisma, task, daysAgo(30))).toBe(0);
  });

  it("keeps the latest claim even when it is older than the cut-off", async () => {
    const task = `retention-${kind}`;
    for (const d of [90, 60]) await slot(task, daysAgo(d), daysAgo(d));
    expect(await pruneSlots(t.db.prisma, task, daysAgo(30))).toBe(1);
    expect(await findLastClaimedSlot(t.db.prisma, task)).toEqual(daysAgo(60));
    expect(await pruneSlots(t.db.prisma, `never-ran-${kind}`, now)).toBe(0);
  });

  it("lets exactly one of concurrent claims of a slot win", async () => {
    const key = `race-${kind}:${now.toISOString()}`;
    const won = await Promise.all(Array.from({ length: 8 }, (_, i) => claimSlot(t.db.prisma, key, `i${i}`)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });
});
