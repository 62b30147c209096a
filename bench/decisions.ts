import { spawn } from "node:child_process";
import { once } from "node:events";
import pg from "pg";
import { ActionId } from "../blocks/ids.ts";
import { blockAction } from "../test/support/interactions.ts";
import { freePort, startAppProcess } from "../test/support/process.ts";
import { interactionBody, postToSlackEndpoint } from "../test/support/sign.ts";
import type { BenchSection } from "./sections.ts";
import { ms, scratchDatabase, summarize } from "./support.ts";

const SECRET = "bench-signing-secret";
const CLICKS_SEQUENTIAL = 300;
const CONCURRENT = 50;
const ROUNDS_CONCURRENT = 6;

/** Sends one signed click and returns the time until the HTTP answer (the ack). */
async function clickLatency(baseUrl: string, value: string): Promise<number> {
  const body = interactionBody(blockAction({ user: "U0MEMBER01", actionId: ActionId.addCustomer, value }));
  const started = performance.now();
  const res = await postToSlackEndpoint(baseUrl, SECRET, body, "application/x-www-form-urlencoded");
  const elapsed = performance.now() - started;
  if (res.status !== 200) throw new Error(`click answered ${res.status}: ${res.text}`);
  return elapsed;
}

async function measure(baseUrl: string, values: string[]) {
  for (let i = 0; i < 20; i++) await clickLatency(baseUrl, values[i % values.length] ?? ""); // warm-up
  const one: number[] = [];
  for (let i = 0; i < CLICKS_SEQUENTIAL; i++)
    one.push(await clickLatency(baseUrl, values[i % values.length] ?? ""));
  const fifty: number[] = [];
  for (let r = 0; r < ROUNDS_CONCURRENT; r++) {
    fifty.push(
      ...(await Promise.all(
        Array.from({ length: CONCURRENT }, (_, i) => clickLatency(baseUrl, values[i % values.length] ?? "")),
      )),
    );
  }
  return { one: summarize(one), fifty: summarize(fifty) };
}

export const decisionsBench: BenchSection = {
  name: "decisions",
  title: "ack latency of a Kunde hinzufügen click vs. a bare Bolt app (PostgreSQL)",
  async run() {
    // The stand-in runs in its own process, so that its work does not slow down the measuring client.
    const standin = spawn(process.execPath, ["--import", "tsx", "test/support/slack-standin-server.ts"], {
      env: { ...process.env, STANDIN_MEMBERS: "U0MEMBER01" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [first] = (await once(standin.stdout, "data")) as [Buffer];
    const standinUrl = `http://127.0.0.1:${String(first).trim().split(" ")[1]}/api/`;
    const db = await scratchDatabase();
    const env = { SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: standinUrl };
    const app = await startAppProcess(
      { ...env, DATABASE_URL: db.url, SLACK_CHANNEL_ID: "CBENCH001", LOG_LEVEL: "warn" },
      await freePort(),
    );
    const barePort = await freePort();
    const bare = spawn(process.execPath, ["--import", "tsx", "bench/bare-bolt-app.ts"], {
      env: { ...process.env, ...env, PORT: String(barePort) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      await once(bare.stdout, "data");
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "Inquiry" (id, name, email, "receivedAt", "updatedAt", "slackChannel", "slackTs")
         SELECT gen_random_uuid(), 'Interessent ' || i, 'p' || i || '@example.com', now(), now(), 'CBENCH001', '1.' || i
         FROM generate_series(1, 20) i RETURNING id`,
      );
      await client.end();
      const ids = rows.map((r) => r.id);
      const ours = await measure(app.baseUrl, ids);
      const base = await measure(`http://127.0.0.1:${barePort}`, ids);
      const line = (label: string, s: ReturnType<typeof summarize>) =>
        `  ${label.padEnd(34)} p50 ${ms(s.p50).padStart(9)}  p99 ${ms(s.p99).padStart(9)}  (n=${s.n})`;
      console.log(line("kundenbot, 1 at a time", ours.one));
      console.log(line("bare Bolt app, 1 at a time", base.one));
      console.log(line(`kundenbot, ${CONCURRENT} concurrent`, ours.fifty));
      console.log(line(`bare Bolt app, ${CONCURRENT} concurrent`, base.fifty));
      console.log(
        `  p99 ratio kundenbot / bare: ${(ours.one.p99 / base.one.p99).toFixed(2)} (1 at a time), ${(ours.fifty.p99 / base.fifty.p99).toFixed(2)} (${CONCURRENT} concurrent); target ≤ 1.5 and p99 < 100 ms`,
      );
    } finally {
      bare.kill("SIGTERM");
      await app.stop();
      await db.drop();
      standin.kill("SIGTERM");
    }
  },
};
