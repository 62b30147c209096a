import { afterAll, describe, expect, it } from "vitest";
import { TEAM_CHANNEL } from "../../support/app.ts";
import { dbKinds } from "../../support/db.ts";
import { useTestApp } from "../../support/lifecycle.ts";
import { type AppProcess, freePort, startAppProcess } from "../../support/process.ts";

const RUN_MS = 20_000;

// Two instances need a real PostgreSQL (PGlite serves one process only).
describe.skipIf(!dbKinds().includes("postgresql"))(
  "the weekly report with two app processes on one PostgreSQL",
  () => {
    const t = useTestApp({ kind: "postgresql", start: false });
    const processes: AppProcess[] = [];
    afterAll(async () => {
      for (const p of processes) await p.stop();
    });

    it("posts one text and one chart per slot of a 5-second REPORT_CRON", async () => {
      const env = {
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: "test-signing-secret",
        SLACK_API_URL: t.standin.url,
        SLACK_CHANNEL_ID: TEAM_CHANNEL,
        SLACK_POSTS_PER_SECOND: "20",
        DATABASE_URL: t.db.url as string,
        REPORT_CRON: "*/5 * * * * *",
        DIGEST_CRON: "0 9 1 1 *",
        LOG_LEVEL: "info",
      };
      processes.push(
        ...(await Promise.all([
          startAppProcess(env, await freePort(), 60_000),
          startAppProcess(env, await freePort(), 60_000),
        ])),
      );
      await new Promise((r) => setTimeout(r, RUN_MS));
      await Promise.all(processes.map((p) => p.stop()));

      const jobs = await t.db.prisma.outboxJob.findMany({
        where: { dedupeKey: { startsWith: "report:" } },
        select: { dedupeKey: true, kind: true },
      });
      const slots = [...new Set(jobs.map((j) => (j.dedupeKey as string).replace(/:chart$/, "")))].sort();
      expect(slots.length).toBeGreaterThanOrEqual(RUN_MS / 5000 - 1);
      // Each slot: exactly one text job and one chart job.
      for (const slot of slots) {
        expect(jobs.filter((j) => j.dedupeKey === slot).map((j) => j.kind)).toEqual(["report.post"]);
        expect(jobs.filter((j) => j.dedupeKey === `${slot}:chart`).map((j) => j.kind)).toEqual([
          "report.upload_chart",
        ]);
      }
      // What reached Slack: one report text and one chart per slot that was delivered before the stop.
      const texts = t.standin.messages.filter(
        (m) => m.channel === TEAM_CHANNEL && m.text?.startsWith("Wochenbericht"),
      );
      const charts = [...t.standin.files.values()].filter((f) => f.channel === TEAM_CHANNEL && f.bytes);
      const done = await t.db.prisma.outboxJob.count({
        where: { dedupeKey: { startsWith: "report:" }, kind: "report.post", status: "done" },
      });
      expect(texts.length).toBe(done);
      expect(charts.length).toBeLessThanOrEqual(slots.length);
      expect(charts.length).toBeGreaterThanOrEqual(done - 1);
      // The coordinator: each slot was claimed by exactly one of the two processes.
      const handled = processes.flatMap((p) =>
        p
          .output()
          .split("\n")
          .filter((l) => l.includes('"msg":"report slot handled"'))
          .map((l) => (JSON.parse(l) as { slot: string }).slot),
      );
      expect(handled.sort()).toEqual(slots.map((s) => s.slice("report:".length)));
    }, 120_000);
  },
);
