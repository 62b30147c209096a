import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { claimSlot } from "../../../domain/schedule/schedule-slot-repository.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import { startTestApp, TEAM_CHANNEL, type TestApp } from "../../support/app.ts";
import { dbKinds } from "../../support/db.ts";
import { useTestApp } from "../../support/lifecycle.ts";

const digestJobs = (prisma: PrismaClient) =>
  prisma.outboxJob.findMany({
    where: { dedupeKey: { startsWith: "digest:" } },
    orderBy: { dedupeKey: "asc" },
    select: { kind: true, lane: true, dedupeKey: true, payload: true },
  });

const handledSlots = (app: TestApp) =>
  app.logs
    .map((l) => JSON.parse(l) as { msg?: string; slot?: string })
    .filter((l) => l.msg === "digest slot handled")
    .map((l) => l.slot);

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(dbKinds())("the digest scheduler on %s", (kind) => {
  const t = useTestApp({ kind, start: false });
  const apps: TestApp[] = [];
  // With PGlite the app's client is the only safe one while an app runs on it.
  const prisma = () =>
    kind === "pglite" && apps.at(-1) ? (apps.at(-1) as TestApp).deps.prisma : t.db.prisma;
  const start = async (env: Record<string, string> = {}, now?: () => Date) => {
    const app = await startTestApp(t.db, t.standin, env, now);
    apps.push(app);
    return app;
  };

  beforeEach(async () => {
    await t.db.prisma.invitation.create({
      data: { name: "Erika <!channel>", email: "e@example.com", accessLevel: "full", receivedAt: new Date() },
      select: { id: true },
    });
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
    await t.db.prisma.outboxJob.deleteMany();
    await t.db.prisma.scheduleSlot.deleteMany();
    await t.db.prisma.invitation.deleteMany();
  });

  it("lets exactly one of concurrent claims of a slot win", async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => claimSlot(t.db.prisma, "digest:2026-01-01T08:00:00.000Z", `i${i}`)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("after downtime over several slots, posts one catch-up for the latest missed slot, and not again on restart", async () => {
    // Last run: Wednesday 25 March 2026, 9:00 CET. Now: Monday 30 March, 12:00 CEST.
    await claimSlot(t.db.prisma, "digest:2026-03-25T08:00:00.000Z", "old-instance");
    const now = () => new Date("2026-03-30T10:00:00Z");
    const env = { DIGEST_CRON: "0 9 * * 1-5", DIGEST_TIMEZONE: "Europe/Berlin" };
    await start(env, now);
    const jobs = await until(
      () => digestJobs(prisma()),
      (j) => j.length > 0,
    );
    await apps.splice(0)[0]?.stop();
    await start(env, now);
    await apps.splice(0)[0]?.stop(); // stop() waits for the catch-up in flight

    const after = await digestJobs(t.db.prisma);
    expect(after).toEqual(jobs);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      kind: "slack.post",
      lane: `slack:${TEAM_CHANNEL}`,
      dedupeKey: "digest:2026-03-30T07:00:00.000Z",
      payload: { channel: TEAM_CHANNEL, text: "1 Zugriffsfreigabe wartet auf eine Entscheidung." },
    });
    expect(JSON.stringify(after[0]?.payload)).not.toMatch(/"type":"mrkdwn","text":"[^"]*<!channel>/);
  });

  it("posts no catch-up when DIGEST_CATCH_UP is false", async () => {
    await claimSlot(t.db.prisma, "digest:2026-03-25T08:00:00.000Z", "old-instance");
    await start(
      { DIGEST_CRON: "0 9 * * 1-5", DIGEST_CATCH_UP: "false" },
      () => new Date("2026-03-30T10:00:00Z"),
    );
    await apps.splice(0)[0]?.stop();
    expect(await digestJobs(t.db.prisma)).toEqual([]);
  });

  it("posts each slot once when an instance restarts within a slot", async () => {
    const env = { DIGEST_CRON: "*/3 * * * * *" };
    const first = await start(env);
    const [job] = await until(
      () => digestJobs(prisma()),
      (j) => j.length === 1,
    );
    await apps.splice(0)[0]?.stop();
    const second = await start(env); // the same 3-second slot, most of the time: catch-up must not repost it
    const jobs = await until(
      () => digestJobs(prisma()),
      (j) => j.length >= 2,
    );
    await apps.splice(0)[0]?.stop();

    const slots = (await digestJobs(t.db.prisma)).map((j) => Date.parse((j.dedupeKey as string).slice(7)));
    // The same job as before the restart (its payload is gone once it is done: only ids stay).
    expect(jobs[0]?.dedupeKey).toBe(job?.dedupeKey);
    // Consecutive slots, none skipped and none twice: each handled by exactly one of the two runs.
    const gaps = slots.slice(1).map((s, i) => s - (slots[i] as number));
    expect(gaps).toEqual(gaps.map(() => 3_000));
    const handled = [...handledSlots(first), ...handledSlots(second)];
    expect(handled.sort()).toEqual(slots.map((s) => new Date(s).toISOString()));
  });
});
