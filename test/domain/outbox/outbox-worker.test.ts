import { afterEach, describe, expect, it } from "vitest";
import { type ClaimedJob, enqueueJob } from "../../../domain/outbox/outbox-repository.ts";
import {
  type JobHandler,
  type JobOutcome,
  OutboxWorker,
  Outcome,
} from "../../../domain/outbox/outbox-worker.ts";
import { dbKinds } from "../../support/db.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";
import { captureLogger } from "../../support/logs.ts";

const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 5_000, what = "condition") => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(dbKinds())("outbox worker on %s", (kind) => {
  const t = useTestDatabase(kind);
  const workers: OutboxWorker[] = [];
  let lane = 0;
  const newLane = () => `test:${kind}:${++lane}`;

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });

  const startWorker = (
    handlers: Record<string, JobHandler>,
    extra: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {},
  ) => {
    const logs = captureLogger();
    const worker = new OutboxWorker({ db: t.db.prisma, handlers, log: logs.log, pollMs: 100, ...extra });
    workers.push(worker);
    worker.start();
    return { worker, lines: logs.lines };
  };
  const statusOf = async (l: string) =>
    t.db.prisma.outboxJob.findMany({
      where: { lane: l },
      orderBy: { id: "asc" },
      select: { status: true, attempts: true, lastError: true },
    });

  it("deletes jobs done more than 7 days ago, and keeps newer done, failed and pending ones", async () => {
    const l = newLane();
    const day = 24 * 3600_000;
    const job = (status: string, doneDaysAgo: number | null) =>
      t.db.prisma.outboxJob.create({
        data: {
          kind: "test.kept",
          lane: l,
          payload: {},
          status,
          doneAt: doneDaysAgo === null ? null : new Date(Date.now() - doneDaysAgo * day),
          runAt: new Date(Date.now() + day),
        },
        select: { id: true },
      });
    const old = await job("done", 7.01);
    const ancient = await job("done", 400);
    const recent = await job("done", 6.9);
    const failed = await job("failed", 30);
    const pending = await job("pending", null);
    startWorker({});
    await until(async () => (await statusOf(l)).length === 3, 5_000, "the old done jobs to be deleted");
    const left = await t.db.prisma.outboxJob.findMany({ where: { lane: l }, select: { id: true } });
    expect(left.map((j) => j.id).sort()).toEqual([recent.id, failed.id, pending.id].sort());
    expect([old.id, ancient.id].some((id) => left.some((j) => j.id === id))).toBe(false);
  });

  it("runs each job once, in order, and leaves jobs of unknown kinds pending with a warning", async () => {
    const l = newLane();
    const seen: number[] = [];
    for (let n = 1; n <= 5; n++) await enqueueJob(t.db.prisma, { kind: "test.ok", lane: l, payload: { n } });
    await enqueueJob(t.db.prisma, { kind: "test.unknown", lane: l, payload: {} });
    const { lines } = startWorker({
      "test.ok": async (job) => {
        seen.push((job.payload as { n: number }).n);
        return Outcome.done();
      },
    });
    await until(async () => (await statusOf(l)).filter((j) => j.status === "done").length === 5);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect((await statusOf(l)).map((j) => j.status)).toEqual([
      "done",
      "done",
      "done",
      "done",
      "done",
      "pending",
    ]);
    expect(lines.join("\n")).toContain('"kind":"test.unknown"');
  });

  it("retries a passing failure with backoff, records a permanent one, and survives a throwing handler", async () => {
    const l = newLane();
    await enqueueJob(t.db.prisma, { kind: "test.flaky", lane: l, payload: {} });
    await enqueueJob(t.db.prisma, { kind: "test.bad", lane: l, payload: {} });
    await enqueueJob(t.db.prisma, { kind: "test.throws", lane: l, payload: {} });
    let flaky = 0;
    let throws = 0;
    startWorker({
      "test.flaky": async () => (++flaky < 3 ? Outcome.retry("HTTP 500", 50) : Outcome.done()),
      "test.bad": async () => Outcome.failed("invalid_blocks"),
      "test.throws": async () => {
        if (++throws === 1) throw new Error("boom");
        return Outcome.done();
      },
    });
    await until(async () => (await statusOf(l)).every((j) => j.status !== "pending"), 8_000);
    expect(await statusOf(l)).toEqual([
      { status: "done", attempts: 3, lastError: null },
      { status: "failed", attempts: 1, lastError: "invalid_blocks" },
      { status: "done", attempts: 2, lastError: null },
    ]);
  });

  it("keeps a lane to its rate, and pauses the whole lane when asked to wait", async () => {
    const l = newLane();
    for (let n = 0; n < 6; n++) await enqueueJob(t.db.prisma, { kind: "test.timed", lane: l, payload: {} });
    const at: number[] = [];
    const order: bigint[] = [];
    let first = true;
    const handler = async (job: ClaimedJob): Promise<JobOutcome> => {
      at.push(Date.now());
      order.push(job.id);
      if (first) {
        first = false;
        return Outcome.ratelimited(500);
      }
      return Outcome.done();
    };
    startWorker({ "test.timed": handler }, { laneLimit: () => ({ intervalMs: 100, burst: 1 }) });
    await until(async () => (await statusOf(l)).every((j) => j.status === "done"), 8_000);
    // 1st call rate limited → 500 ms pause; then 6 jobs at one per 100 ms (one right after the pause,
    // no burst), the one that waited first.
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(480);
    expect((at[6] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(480);
    expect(order[1]).toBe(order[0]);
    expect((await statusOf(l)).map((j) => j.attempts)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("keeps a blocked job and says what to do", async () => {
    const l = newLane();
    await enqueueJob(t.db.prisma, { kind: "test.blocked", lane: l, payload: {} });
    const { lines } = startWorker({
      "test.blocked": async () =>
        Outcome.blocked("Slack answered not_in_channel", "invite the bot: /invite @kundenbot"),
    });
    await until(() => lines.some((x) => x.includes("/invite @kundenbot")));
    const [job] = await statusOf(l);
    expect(job).toMatchObject({ status: "pending", lastError: "Slack answered not_in_channel" });
  });

  it.runIf(kind === "postgresql")(
    "shares the jobs between two instances on one database, each done once",
    async () => {
      const l = newLane();
      const total = 120;
      for (let n = 0; n < total; n++)
        await enqueueJob(t.db.prisma, { kind: "test.shared", lane: l, payload: { n } });
      const done = new Map<number, string[]>();
      const handler = (name: string) => async (job: ClaimedJob) => {
        const n = (job.payload as { n: number }).n;
        done.set(n, [...(done.get(n) ?? []), name]);
        await new Promise((r) => setTimeout(r, 5));
        return Outcome.done();
      };
      // A second client: its own connection pool, as a second instance has.
      const other = await import("../../../prisma/generated/client.ts");
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const prisma2 = new other.PrismaClient({
        adapter: new PrismaPg({ connectionString: t.db.url as string }),
      });
      try {
        startWorker({ "test.shared": handler("a") });
        startWorker({ "test.shared": handler("b") }, { db: prisma2 });
        await until(() => done.size === total, 15_000, "all jobs");
        await new Promise((r) => setTimeout(r, 300));
        expect([...done.values()].every((by) => by.length === 1)).toBe(true);
        const byA = [...done.values()].filter((by) => by[0] === "a").length;
        expect(byA).toBeGreaterThan(0);
        expect(byA).toBeLessThan(total);
      } finally {
        await Promise.all(workers.splice(0).map((w) => w.stop()));
        await prisma2.$disconnect();
      }
    },
  );
});
