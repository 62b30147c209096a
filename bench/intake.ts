// Intake bench: accepted requests per second of the real app process (`npm start`) next to the raw
// rate of the same work through `pg` alone, in the same run; and how close one and two instances
// come to Slack's posting limit (bench/delivery.ts).
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { type AppProcess, freePort, npmStartArgs, startAppProcess } from "../test/support/process.ts";
import { SlackStandin } from "../test/support/slack-standin.ts";
import { deliveryBench } from "./delivery.ts";
import type { BenchSection } from "./sections.ts";
import { PG_ADMIN_URL, scratchDatabase } from "./support.ts";

export const TOKEN = "bench-ingest-token-0123456789";
export const CHANNEL = "CBENCH001";
const CLIENTS = 32;
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 10);

type Db = { label: string; env: Record<string, string>; url?: string; drop(): Promise<void> };

export async function postgres(): Promise<Db | undefined> {
  try {
    const db = await scratchDatabase();
    return { label: "PostgreSQL", env: { DATABASE_URL: db.url }, url: db.url, drop: db.drop };
  } catch (err) {
    console.log(`PostgreSQL at ${PG_ADMIN_URL} not reachable (${String(err)}); skipped`);
    return undefined;
  }
}

async function pglite(): Promise<Db> {
  const dir = await mkdtemp(path.join(tmpdir(), "kundenbot-bench-"));
  return { label: "PGlite", env: { DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
}

export async function startApp(
  standin: SlackStandin,
  env: Record<string, string>,
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
      ...env,
      ...extra,
    },
    await freePort(),
    120_000,
    // e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" for a profile of the app.
    process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
    npmStartArgs(),
  );
}

let seq = 0;
const body = (n: number) => ({
  externalId: `bench-${process.pid}-${n}`,
  name: `Interessent ${n}`,
  email: `kunde${n}@example.com`,
  company: "Müller & Söhne GmbH",
  message: "Wir möchten unsere Website neu aufsetzen lassen. ".repeat(10),
});

// The load generator's own cost competes with the app and PostgreSQL for the same two cores, so it
// is kept small: node:http on keep-alive sockets (fetch costs several times as much CPU per request).
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One intake request; true when it was accepted as new (201). */
export function send(baseUrl: string): Promise<boolean> {
  seq += 1;
  const payload = Buffer.from(JSON.stringify(body(seq)));
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}/api/v1/inquiries`,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          "content-type": "application/json",
          "content-length": payload.length,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode === 201));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** `clients` loops, each sending one request after the other, for `seconds`; returns what/s. */
async function forSeconds(clients: number, seconds: number, one: () => Promise<boolean>) {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) if (await one()) done += 1;
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/**
 * The baseline of issue 15: what the intake did, as five statements through `pg` alone
 * (BEGIN; SELECT by externalId; INSERT the request; INSERT its outbox job; COMMIT).
 */
async function rawRate(url: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
  let n = 0;
  const one = async () => {
    n += 1;
    const b = body(1_000_000 + n);
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(`SELECT id, status FROM "Inquiry" WHERE "externalId" = $1`, [`raw-${b.externalId}`]);
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "Inquiry" (id, "externalId", name, email, company, message, "receivedAt", "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, now(), now()) RETURNING id, status`,
        [`raw-${b.externalId}`, b.name, b.email, b.company, b.message],
      );
      await client.query(
        `INSERT INTO "OutboxJob" (kind, lane, "dedupeKey", payload) VALUES ('slack.post', $1, $2, $3::jsonb)`,
        [`slack:${CHANNEL}`, `raw:${rows[0]?.id}`, JSON.stringify({ type: "inquiry", id: rows[0]?.id })],
      );
      await client.query("COMMIT");
      return true;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  };
  try {
    for (let i = 0; i < 50; i++) await one(); // warm-up
    return await forSeconds(CLIENTS, SECONDS, one);
  } finally {
    await pool.end();
  }
}

async function throughput(db: Db) {
  const standin = await new SlackStandin().start();
  const app = await startApp(standin, db.env);
  let ours: number;
  try {
    await forSeconds(10, 1, () => send(app.baseUrl)); // warm-up: first queries, JIT
    ours = await forSeconds(CLIENTS, SECONDS, () => send(app.baseUrl));
  } finally {
    await app.stop();
    await standin.stop();
  }
  try {
    const line = `intake, ${db.label}, ${CLIENTS} keep-alive clients for ${SECONDS} s: ${ours.toFixed(0)} accepted/s`;
    if (!db.url) {
      console.log(line);
      return;
    }
    // The same database, the app stopped: the five statements through pg alone.
    const raw = await rawRate(db.url);
    const ratio = ours / raw;
    console.log(
      `${line}; raw pg (5 statements) ${raw.toFixed(0)} tx/s → ${(100 * ratio).toFixed(0)} % (targets: ≥ 1,000/s ${ours >= 1000 ? "met" : "MISSED"}, ≥ 40 % ${ratio >= 0.4 ? "met" : "MISSED"})`,
    );
  } finally {
    await db.drop();
  }
}

export const intakeSection: BenchSection = {
  name: "intake",
  title: "intake API throughput next to raw pg, and the posting rate of one and two instances",
  async run() {
    // BENCH_INTAKE_PARTS=throughput (or delivery) runs only that part.
    const parts = process.env.BENCH_INTAKE_PARTS ?? "throughput,delivery";
    if (parts.includes("throughput")) {
      const pgDb = await postgres();
      if (pgDb) await throughput(pgDb);
      await throughput(await pglite());
    }
    if (parts.includes("delivery")) await deliveryBench();
  },
};
