import { afterAll, describe, expect, it } from "vitest";
import { setFollowUp } from "../../../domain/follow-ups/follow-up-repository.ts";
import { TEAM_CHANNEL } from "../../support/app.ts";
import { dbKinds } from "../../support/db.ts";
import { seedInquiry } from "../../support/fixtures.ts";
import { useTestApp } from "../../support/lifecycle.ts";
import { type AppProcess, freePort, startAppProcess } from "../../support/process.ts";

const ANNA = "U0ANNA0001";
/** The follow-up is due this long after both processes are up. */
const DUE_IN_MS = 20_000;

// Two instances need a real PostgreSQL (PGlite serves one process only).
describe.skipIf(!dbKinds().includes("postgresql"))(
  "follow-ups with two app processes on one PostgreSQL, in real time",
  () => {
    const t = useTestApp({ kind: "postgresql", start: false, members: [ANNA] });
    const processes: AppProcess[] = [];
    afterAll(async () => {
      for (const p of processes) await p.stop();
    });

    it("post a follow-up once, within a minute of its time (the workers' default 15-second poll)", async () => {
      const env = {
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: "test-signing-secret",
        SLACK_API_URL: t.standin.url,
        SLACK_CHANNEL_ID: TEAM_CHANNEL,
        DATABASE_URL: t.db.url as string,
        LOG_LEVEL: "info",
      };
      processes.push(
        ...(await Promise.all([
          startAppProcess(env, await freePort(), 60_000),
          startAppProcess(env, await freePort(), 60_000),
        ])),
      );
      const request = await seedInquiry(t.db.prisma, { slackTs: "1800000201.000001" });
      const dueAt = new Date(Date.now() + DUE_IN_MS);
      await setFollowUp(t.db.prisma, {
        kind: "inquiry",
        requestId: request.id,
        dueAt,
        note: "Zwei Prozesse",
        setBy: ANNA,
        now: new Date(),
      });
      const posts = () =>
        t.standin
          .okCallsOf("chat.postMessage")
          .filter(
            (c) => c.args.thread_ts === "1800000201.000001" && String(c.args.text).includes("Wiedervorlage"),
          );

      await t.standin.waitFor(() => posts().length >= 1, DUE_IN_MS + 60_000, "the follow-up in the thread");
      const postedAt = Date.now();
      expect(postedAt).toBeGreaterThanOrEqual(dueAt.getTime());
      expect(postedAt - dueAt.getTime()).toBeLessThan(60_000);
      const stored = await t.db.prisma.followUp.findUniqueOrThrow({ where: { inquiryId: request.id } });
      expect(stored.firedAt?.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
      // Both processes poll on: after another full poll of each, still one post, not marked late.
      await new Promise((r) => setTimeout(r, 16_000));
      expect(posts()).toHaveLength(1);
      expect(String(posts()[0]?.args.text)).toBe(`:date: Wiedervorlage für <@${ANNA}>: Zwei Prozesse`);
      const claims = processes.map(
        (p) =>
          p
            .output()
            .split("\n")
            .filter((l) => l.includes('"msg":"follow-ups claimed"')).length,
      );
      expect(claims.reduce((a, b) => a + b, 0)).toBe(1);
    }, 180_000);
  },
);
