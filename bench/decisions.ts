// Decisions bench: what a team member waits for after a click on Kunde hinzufügen, against a bare
// Bolt app in the same run. Both apps are processes of their own; the load generator and the Slack
// stand-in share this process, so the stand-in sees views.open arrive on the generator's clock.
import { spawn } from "node:child_process";
import { once } from "node:events";
import pg from "pg";
import { ActionId } from "../blocks/ids.ts";
import { SlackStandin } from "../sandbox/slack-standin.ts";
import { blockAction } from "../test/support/interactions.ts";
import { freePort, startAppProcess } from "../test/support/process.ts";
import { interactionBody, postToSlackEndpoint } from "../test/support/sign.ts";
import type { BenchSection } from "./sections.ts";
import { ms, scratchDatabase, summarize } from "./support.ts";

const SECRET = "bench-signing-secret";
const CHANNEL = "CBENCH001";
const USERS = ["U0MEMBER01", "U0MEMBER02", "U0MEMBER03", "U0MEMBER04", "U0MEMBER05"];
const WARM_UP = 20;
const ONE_AT_A_TIME = Number(process.env.BENCH_ONE_AT_A_TIME ?? 200);
const CONCURRENT = 50;
const CONCURRENT_CLICKS = Number(process.env.BENCH_CONCURRENT_CLICKS ?? 400);

type Summary = ReturnType<typeof summarize>;

/** Clicks on one app: signed block_actions with a fresh trigger_id each, users in turn. */
class Clicker {
  private turn = 0;
  /** trigger_id → resolves with the time views.open with it reached the stand-in. */
  private readonly opens = new Map<string, (at: number) => void>();

  constructor(
    private readonly standin: SlackStandin,
    private readonly baseUrl: string,
    private readonly values: string[],
  ) {}

  /** The stand-in reports every views.open here (see run below). */
  opened(triggerId: string, at: number) {
    this.opens.get(triggerId)?.(at);
    this.opens.delete(triggerId);
  }

  /** One click: the time to the HTTP answer (the ack) and to views.open reaching Slack. */
  async click(): Promise<{ ack: number; open: number }> {
    const i = this.turn++;
    const user = USERS[i % USERS.length] as string;
    const triggerId = this.standin.triggerId(user);
    const payload = {
      ...blockAction({
        user,
        actionId: ActionId.assignRequestInquiry,
        value: this.values[i % this.values.length],
      }),
      trigger_id: triggerId,
    };
    const opened = new Promise<number>((resolve) => this.opens.set(triggerId, resolve));
    const body = interactionBody(payload);
    const started = performance.now();
    const res = await postToSlackEndpoint(this.baseUrl, SECRET, body, "application/x-www-form-urlencoded");
    const ack = performance.now() - started;
    if (res.status !== 200) throw new Error(`click answered ${res.status}: ${res.text}`);
    const open = await Promise.race([
      opened,
      new Promise<number>((_, reject) =>
        setTimeout(() => reject(new Error("no views.open within 3 s of a click")), 3_000).unref(),
      ),
    ]);
    return { ack, open: open - started };
  }

  async measure() {
    // The generator's keep-alive connections, opened before measuring (Slack keeps its open too):
    // the first burst would otherwise time 50 TCP handshakes on both sides, not the app.
    await Promise.all(
      Array.from({ length: CONCURRENT }, async () =>
        (await fetch(`${this.baseUrl}/slack/events`)).arrayBuffer(),
      ),
    );
    for (let i = 0; i < WARM_UP; i++) await this.click();
    const one = { ack: [] as number[], open: [] as number[] };
    for (let i = 0; i < ONE_AT_A_TIME; i++) {
      const r = await this.click();
      one.ack.push(r.ack);
      one.open.push(r.open);
    }
    const many = { ack: [] as number[], open: [] as number[] };
    for (let sent = 0; sent < CONCURRENT_CLICKS; sent += CONCURRENT) {
      const round = await Promise.all(Array.from({ length: CONCURRENT }, () => this.click()));
      for (const r of round) {
        many.ack.push(r.ack);
        many.open.push(r.open);
      }
      if (process.env.BENCH_VERBOSE) {
        const s = summarize(round.map((r) => r.ack));
        console.log(`    round ${sent / CONCURRENT}: ack p50 ${ms(s.p50)} max ${ms(s.max)}`);
      }
    }
    return {
      oneAck: summarize(one.ack),
      oneOpen: summarize(one.open),
      manyAck: summarize(many.ack),
      manyOpen: summarize(many.open),
    };
  }
}

async function seedInquiries(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "Inquiry" (id, name, email, "receivedAt", "updatedAt", "slackChannel", "slackTs")
       SELECT gen_random_uuid(), 'Interessent ' || i, 'p' || i || '@example.com', now(), now(), $1, '1700000000.' || lpad(i::text, 6, '0')
       FROM generate_series(1, 20) i RETURNING id`,
      [CHANNEL],
    );
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

export const decisionsBench: BenchSection = {
  name: "decisions",
  title: "Kunde hinzufügen: ack and click → views.open vs. a bare Bolt app (PostgreSQL)",
  async run() {
    const standin = await new SlackStandin({ members: USERS, channel: CHANNEL }).start();
    const db = await scratchDatabase();
    const env = { SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: standin.url };
    const app = await startAppProcess(
      {
        ...env,
        DATABASE_URL: db.url,
        SLACK_CHANNEL_ID: CHANNEL,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
      },
      await freePort(),
      30_000,
      // e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" for a profile of the app.
      process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
    );
    const barePort = await freePort();
    const bare = spawn(process.execPath, ["bench/bare-bolt-app.mjs"], {
      env: { ...process.env, ...env, PORT: String(barePort) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      await once(bare.stdout, "data");
      const ids = await seedInquiries(db.url);
      const ours = new Clicker(standin, app.baseUrl, ids);
      const base = new Clicker(standin, `http://127.0.0.1:${barePort}`, ids);
      let current = base;
      standin.onCall = (call) => {
        if (call.method === "views.open") current.opened(String(call.args.trigger_id), performance.now());
      };
      const b = await base.measure();
      standin.calls.length = 0;
      current = ours;
      const k = await ours.measure();
      standin.calls.length = 0;

      const line = (label: string, s: Summary) =>
        `  ${label.padEnd(44)} p50 ${ms(s.p50).padStart(9)}  p99 ${ms(s.p99).padStart(9)}  (n=${s.n})`;
      console.log(line("ack, kundenbot, 1 at a time", k.oneAck));
      console.log(line("ack, bare Bolt app, 1 at a time", b.oneAck));
      console.log(line(`ack, kundenbot, ${CONCURRENT} concurrent`, k.manyAck));
      console.log(line(`ack, bare Bolt app, ${CONCURRENT} concurrent`, b.manyAck));
      console.log(line("click → views.open, kundenbot, 1 at a time", k.oneOpen));
      console.log(line("click → views.open, bare, 1 at a time", b.oneOpen));
      console.log(line(`click → views.open, kundenbot, ${CONCURRENT} conc.`, k.manyOpen));
      console.log(line(`click → views.open, bare, ${CONCURRENT} conc.`, b.manyOpen));
      const ratio = (a: number, z: number, target: number) =>
        `${(a / z).toFixed(2)} (target ≤ ${target}: ${a / z <= target ? "met" : "MISSED"})`;
      console.log(`  ratio ack p50, 1 at a time:           ${ratio(k.oneAck.p50, b.oneAck.p50, 1.5)}`);
      console.log(
        `  ratio ack p99, ${CONCURRENT} concurrent:        ${ratio(k.manyAck.p99, b.manyAck.p99, 1.5)}`,
      );
      console.log(`  ratio click → views.open p50, 1 at a time: ${ratio(k.oneOpen.p50, b.oneOpen.p50, 2)}`);
      if (process.env.BENCH_VERBOSE) console.log(app.output().slice(-6000));
    } finally {
      standin.onCall = undefined;
      bare.kill("SIGTERM");
      await app.stop();
      await db.drop();
      await standin.stop();
    }
  },
};
