import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEAM_CHANNEL } from "../../support/app.ts";
import { dbKinds } from "../../support/db.ts";
import { useTestApp } from "../../support/lifecycle.ts";
import { type AppProcess, freePort, startAppProcess } from "../../support/process.ts";

const RUN_MS = 30_000;

/** Slots each process logged as handled (it won the claim), from its JSON log lines. */
const handledSlots = (p: AppProcess) =>
  p
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { msg?: string; slot?: string })
    .filter((l) => l.msg === "digest slot handled")
    .map((l) => l.slot as string);

// Two instances need a real PostgreSQL (PGlite serves one process only).
describe.skipIf(!dbKinds().includes("postgresql"))("two app processes on one PostgreSQL", () => {
  const t = useTestApp({ kind: "postgresql", start: false });
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    await t.db.prisma.invitation.create({
      data: { name: "Erika", email: "e@example.com", accessLevel: "full", receivedAt: new Date() },
      select: { id: true },
    });
  });
  afterAll(async () => {
    for (const p of processes) await p.stop();
  });

  it("enqueue exactly one digest per slot of a 5-second DIGEST_CRON over 30 seconds", async () => {
    const env = {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "test-signing-secret",
      SLACK_API_URL: t.standin.url,
      SLACK_CHANNEL_ID: TEAM_CHANNEL,
      DATABASE_URL: t.db.url as string,
      DIGEST_CRON: "*/5 * * * * *",
      LOG_LEVEL: "info",
    };
    processes.push(
      ...(await Promise.all([
        startAppProcess(env, await freePort(), 60_000),
        startAppProcess(env, await freePort(), 60_000),
      ])),
    );
    const bothUp = Date.now();
    await new Promise((r) => setTimeout(r, RUN_MS));
    await Promise.all(processes.map((p) => p.stop()));

    const jobs = await t.db.prisma.outboxJob.findMany({
      where: { dedupeKey: { startsWith: "digest:" } },
      orderBy: { dedupeKey: "asc" },
      select: { dedupeKey: true, kind: true },
    });
    const slots = jobs.map((j) => Date.parse((j.dedupeKey as string).slice("digest:".length)));
    // Every slot while both ran, one after the other, none missing.
    expect(slots.filter((s) => s >= bothUp).length).toBeGreaterThanOrEqual(RUN_MS / 5000 - 1);
    const gaps = slots.slice(1).map((s, i) => s - (slots[i] as number));
    expect(gaps).toEqual(gaps.map(() => 5_000));
    expect(jobs.every((j) => j.kind === "slack.post")).toBe(true);

    // The coordinator, not only the outbox's unique key: each slot ran in exactly one process.
    const [a, b] = processes.map(handledSlots) as [string[], string[]];
    expect([...a, ...b].sort()).toEqual(slots.map((s) => new Date(s).toISOString()));
    // Both scheduled the digest (which one wins a slot is down to timing; often the same one).
    for (const p of processes) expect(p.output()).toContain('"msg":"digest scheduled"');
  }, 120_000);
});
