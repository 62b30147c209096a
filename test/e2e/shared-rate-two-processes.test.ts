import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INGEST_TOKEN, SIGNING_SECRET, TEAM_CHANNEL } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { inquiryBody, postIntake } from "../support/intake.ts";
import { type AppProcess, freePort, startAppProcess } from "../support/process.ts";
import { SlackStandin } from "../support/slack-standin.ts";

const POSTS = 40;
const BURST = 3;

// Two instances need a real PostgreSQL (PGlite serves one process only).
describe.skipIf(!dbKinds().includes("postgresql"))("one posting rate across two app processes", () => {
  let db: TestDatabase;
  let standin: SlackStandin;
  const processes: AppProcess[] = [];
  const env = () => ({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: standin.url,
    SLACK_CHANNEL_ID: TEAM_CHANNEL,
    DATABASE_URL: db.url as string,
    INGEST_TOKEN,
    LOG_LEVEL: "warn",
  });

  beforeAll(async () => {
    db = await createTestDatabase("postgresql");
    // Slack's limit: about one message per second per channel, a short burst allowed.
    standin = await new SlackStandin({ postRate: { perMs: 1000, burst: BURST } }).start();
    // Queue: an instance without SLACK_CHANNEL_ID stores and schedules, and posts nothing.
    const queuing = await startAppProcess({ ...env(), SLACK_CHANNEL_ID: "" }, await freePort(), 60_000);
    for (let i = 0; i < POSTS; i++) {
      const res = await postIntake(queuing.baseUrl, "inquiries", inquiryBody({ externalId: `rate-${i}` }), {
        token: INGEST_TOKEN,
      });
      expect(res.status).toBe(201);
    }
    await queuing.stop();
    standin.reset();
  }, 120_000);
  afterAll(async () => {
    for (const p of processes) await p.stop();
    await standin?.stop();
    await db?.close();
  });

  it(`deliver ${POSTS} queued posts once each, with at most 3 answers 429 in all`, async () => {
    processes.push(
      ...(await Promise.all([
        startAppProcess(env(), await freePort(), 60_000),
        startAppProcess(env(), await freePort(), 60_000),
      ])),
    );
    await standin.waitFor((s) => s.okCallsOf("chat.postMessage").length >= POSTS, 100_000, `${POSTS} posts`);
    // A moment for a post that would come twice.
    await new Promise((r) => setTimeout(r, 1_500));
    const ok = standin.okCallsOf("chat.postMessage");
    const limited = standin.calls.filter((c) => c.method === "chat.postMessage" && c.status === 429);
    const took = (ok.at(-1)?.at ?? 0) - (ok[0]?.at ?? 0);
    const floor = (POSTS - BURST) * 1000;
    console.log(
      `shared rate: ${ok.length} posts in ${(took / 1000).toFixed(1)} s (floor ${floor / 1000} s, ratio ${(took / floor).toFixed(2)}), ${limited.length} × 429`,
    );
    expect(ok).toHaveLength(POSTS);
    expect(limited.length).toBeLessThanOrEqual(3);
    const rows = await db.prisma.inquiry.findMany({ select: { slackTs: true } });
    expect(rows).toHaveLength(POSTS);
    expect(new Set(rows.map((r) => r.slackTs)).size).toBe(POSTS);
    expect(rows.every((r) => r.slackTs)).toBe(true);
    // Not a timing test (the machine may be loaded): only that the pacing is not far off.
    expect(took).toBeLessThan(floor * 1.5);
  }, 150_000);
});
