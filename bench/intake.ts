// Intake bench: accepted requests per second on PostgreSQL and PGlite, and how close the outbox
// worker gets to the stand-in's posting rate. Runs the real app process (`npm start`) with the
// environment a user would set, against the Slack stand-in in this process.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type AppProcess, freePort, startAppProcess } from "../test/support/process.ts";
import { SlackStandin } from "../test/support/slack-standin.ts";
import type { BenchSection } from "./sections.ts";
import { PG_ADMIN_URL, scratchDatabase } from "./support.ts";

const TOKEN = "bench-ingest-token-0123456789";
const CHANNEL = "CBENCH001";

type Db = { label: string; env: Record<string, string>; drop(): Promise<void> };

async function postgres(): Promise<Db | undefined> {
  try {
    const db = await scratchDatabase();
    return { label: "PostgreSQL", env: { DATABASE_URL: db.url }, drop: db.drop };
  } catch (err) {
    console.log(`PostgreSQL at ${PG_ADMIN_URL} not reachable (${String(err)}); skipped`);
    return undefined;
  }
}

async function pglite(): Promise<Db> {
  const dir = await mkdtemp(path.join(tmpdir(), "kundenbot-bench-"));
  return { label: "PGlite", env: { DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
}

async function startApp(
  standin: SlackStandin,
  db: Db,
  extra: Record<string, string> = {},
): Promise<AppProcess> {
  return startAppProcess(
    {
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: "bench-secret",
      SLACK_API_URL: standin.url,
      SLACK_CHANNEL_ID: CHANNEL,
      INGEST_TOKEN: TOKEN,
      LOG_LEVEL: "warn",
      DATA_DIR: path.join(tmpdir(), "kundenbot-bench-unused"),
      ...db.env,
      ...extra,
    },
    await freePort(),
    120_000,
  );
}

let seq = 0;
async function send(baseUrl: string): Promise<boolean> {
  seq += 1;
  const res = await fetch(`${baseUrl}/api/v1/inquiries`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({
      externalId: `bench-${process.pid}-${seq}`,
      name: `Interessent ${seq}`,
      email: `kunde${seq}@example.com`,
      company: "Müller & Söhne GmbH",
      message: "Wir möchten unsere Website neu aufsetzen lassen. ".repeat(10),
    }),
  });
  await res.arrayBuffer();
  return res.status === 201;
}

/** `total` requests from `concurrency` clients; returns accepted requests per second. */
async function load(
  baseUrl: string,
  total: number,
  concurrency: number,
): Promise<{ perSecond: number; accepted: number }> {
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        if (await send(baseUrl)) accepted += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: accepted / seconds, accepted };
}

async function throughput(db: Db) {
  const standin = await new SlackStandin().start();
  const app = await startApp(standin, db);
  try {
    await load(app.baseUrl, 50, 10); // warm-up: first queries, JIT
    const total = 1000;
    const r = await load(app.baseUrl, total, 20);
    console.log(
      `intake throughput, ${db.label}: ${r.perSecond.toFixed(0)} accepted requests/s (${r.accepted}/${total} accepted, 20 concurrent clients)`,
    );
  } finally {
    await app.stop();
    await standin.stop();
    await db.drop();
  }
}

async function delivery(db: Db) {
  const posts = 300;
  const perSecond = 20;
  const burst = 5;
  const perMs = 1000 / perSecond;
  // Slack allows about 1 post per second; at that rate this bench would take 5 minutes, so both the
  // stand-in and the bot run at 20 per second. The ratio is what matters.
  const standin = await new SlackStandin({ postRate: { perMs, burst } }).start();
  try {
    // Queue: an instance without SLACK_CHANNEL_ID stores and schedules, and posts nothing.
    const queuing = await startApp(standin, db, { SLACK_CHANNEL_ID: "" });
    const accepted = await load(queuing.baseUrl, posts, 10);
    await queuing.stop();
    // Deliver: a configured instance finds them all due at start.
    standin.reset();
    const app = await startApp(standin, db, { SLACK_POSTS_PER_SECOND: String(perSecond) });
    try {
      await standin.waitFor(
        (s) => s.okCallsOf("chat.postMessage").length >= posts,
        120_000,
        `${posts} posts`,
      );
      const ok = standin.okCallsOf("chat.postMessage");
      // From the first post to the last: the worker's pacing, not the process start.
      const took = (ok[ok.length - 1]?.at ?? 0) - (ok[0]?.at ?? 0);
      const minimum = (posts - burst) * perMs;
      const limited = standin.calls.filter((c) => c.status === 429).length;
      console.log(
        `delivery of ${posts} queued posts, ${db.label}: ${(took / 1000).toFixed(2)} s; the stand-in's limit (${perSecond}/s, burst ${burst}) allows ${(minimum / 1000).toFixed(2)} s → ratio ${(took / minimum).toFixed(3)} (target ≤ 1.1); ${limited} calls answered 429; ${ok.length} posts for ${accepted.accepted} requests`,
      );
    } finally {
      await app.stop();
    }
  } finally {
    await standin.stop();
    await db.drop();
  }
}

export const intakeSection: BenchSection = {
  name: "intake",
  title: "intake API throughput and outbox delivery rate",
  async run() {
    const pg = await postgres();
    if (pg) await throughput(pg);
    await throughput(await pglite());
    const pg2 = await postgres();
    if (pg2) await delivery(pg2);
    await delivery(await pglite());
  },
};
