// Decisions bench: what a team member waits for after a click on Kunde hinzufügen, against a bare
// Bolt app in the same run. Both apps are processes of their own (kundenbot as `npm start` runs it);
// the load generator and the Slack stand-in share this process, so the stand-in sees views.open
// arrive on the generator's clock.
//
// The clicks are what Slack sends: the requests come in through the intake, the app posts them to
// the stand-in, and each click is a full `block_actions` built from the message as the stand-in
// stores it (all its blocks, `container`, `channel`, `state`, a `response_url`, a fresh
// `trigger_id`), by the sandbox's own payload builder, three team members in turn. Both apps get
// the same payloads.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { ActionId } from "../blocks/ids.ts";
import { blockActionsPayload } from "../sandbox/bridge/payloads.ts";
import type { Block } from "../sandbox/bridge/state-values.ts";
import { findElement } from "../sandbox/bridge.ts";
import { SlackStandin, type StoredMessage } from "../sandbox/slack-standin.ts";
import { freePort, npmStartArgs, startAppProcess } from "../test/support/process.ts";
import { interactionBody, postToSlackEndpoint } from "../test/support/sign.ts";
import type { BenchSection } from "./sections.ts";
import { ms, scratchDatabase, summarize } from "./support.ts";

const SECRET = "bench-signing-secret";
const CHANNEL = { id: "CBENCH001", name: "anfragen" };
const USERS = ["U0MEMBER01", "U0MEMBER02", "U0MEMBER03"];
const INGEST_TOKEN = "bench-ingest-token-0123456789";
const REQUESTS = 20;
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
    private readonly messages: StoredMessage[],
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
    const payload = clickPayload(
      this.standin,
      this.messages[i % this.messages.length] as StoredMessage,
      user,
      triggerId,
    );
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

  /** The generator's keep-alive connections, opened before measuring (Slack keeps its open too):
   * the first burst would otherwise time 50 TCP handshakes on both sides, not the app. */
  async warmUp() {
    await Promise.all(
      Array.from({ length: CONCURRENT }, async () =>
        (await fetch(`${this.baseUrl}/slack/events`)).arrayBuffer(),
      ),
    );
    for (let i = 0; i < WARM_UP; i++) await this.click();
  }

  /** One round of CONCURRENT clicks at once. */
  async round() {
    const round = await Promise.all(Array.from({ length: CONCURRENT }, () => this.click()));
    if (process.env.BENCH_VERBOSE) {
      const s = summarize(round.map((r) => r.ack));
      console.log(`    ${this.baseUrl} round: ack p50 ${ms(s.p50)} max ${ms(s.max)}`);
    }
    return round;
  }
}

type Samples = { ack: number[]; open: number[] };
const samples = (): Samples => ({ ack: [], open: [] });
const add = (s: Samples, r: { ack: number; open: number }) => {
  s.ack.push(r.ack);
  s.open.push(r.open);
};
const summaries = (one: Samples, many: Samples) => ({
  oneAck: summarize(one.ack),
  oneOpen: summarize(one.open),
  manyAck: summarize(many.ack),
  manyOpen: summarize(many.open),
});

/**
 * Measures both apps under the same conditions: their clicks alternate (one at a time: a click on
 * one, then on the other; concurrent: a round on one, then on the other), so a slower minute of the
 * machine (another process, a frequency change, the generator's own GC) falls on both and not on
 * whichever app happened to be measured then.
 */
async function measureInTurn(ours: Clicker, bare: Clicker) {
  await bare.warmUp();
  await ours.warmUp();
  const k = { one: samples(), many: samples() };
  const b = { one: samples(), many: samples() };
  for (let i = 0; i < ONE_AT_A_TIME; i++) {
    const [first, second] = i % 2 === 0 ? [ours, bare] : [bare, ours];
    for (const c of [first, second]) add(c === ours ? k.one : b.one, await c.click());
  }
  for (let sent = 0; sent < CONCURRENT_CLICKS; sent += CONCURRENT) {
    const [first, second] = (sent / CONCURRENT) % 2 === 0 ? [ours, bare] : [bare, ours];
    for (const c of [first, second]) for (const r of await c.round()) add(c === ours ? k.many : b.many, r);
  }
  return { k: summaries(k.one, k.many), b: summaries(b.one, b.many) };
}

/** A click on Kunde hinzufügen in a posted message, as Slack sends it. */
function clickPayload(standin: SlackStandin, message: StoredMessage, user: string, triggerId: string) {
  const blocks = (message.blocks ?? []) as Block[];
  const block = blocks.find((b) => findElement([b], b.block_id as string, ActionId.assignRequestInquiry));
  const element = block && findElement([block], block.block_id as string, ActionId.assignRequestInquiry);
  if (!block || !element)
    throw new Error(`message ${message.ts} has no ${ActionId.assignRequestInquiry} button`);
  return blockActionsPayload({
    user,
    teamId: standin.teamOf(user),
    source: {
      type: "message",
      channel: CHANNEL,
      ts: message.ts,
      ephemeral: false,
      message: {
        type: "message",
        user: message.user,
        ts: message.ts,
        text: message.text,
        blocks: message.blocks,
      },
    },
    action: { blockId: block.block_id as string, element },
    triggerId,
    responseUrl: standin.responseUrl({ user, channel: CHANNEL.id, messageTs: message.ts, ephemeral: false }),
    tz: "Europe/Berlin",
    actionTs: (Date.now() / 1000).toFixed(6),
  });
}

/** Sends REQUESTS inquiries through the app's intake and waits until the app has posted each. */
async function postedRequests(standin: SlackStandin, baseUrl: string): Promise<StoredMessage[]> {
  for (let n = 1; n <= REQUESTS; n++) {
    const res = await fetch(`${baseUrl}/api/v1/inquiries`, {
      method: "POST",
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        externalId: `bench-decisions-${process.pid}-${n}`,
        name: `Interessent ${n}`,
        email: `kunde${n}@example.com`,
        company: "Müller & Söhne GmbH",
        message: "Wir möchten unsere Website neu aufsetzen lassen. ".repeat(10),
      }),
    });
    if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
  }
  const withButton = () =>
    standin.messages.filter(
      (m) =>
        m.channel === CHANNEL.id &&
        !m.threadTs &&
        ((m.blocks ?? []) as Block[]).some((b) =>
          findElement([b], b.block_id as string, ActionId.assignRequestInquiry),
        ),
    );
  const until = Date.now() + 60_000;
  while (withButton().length < REQUESTS) {
    if (Date.now() > until)
      throw new Error(`only ${withButton().length} of ${REQUESTS} requests were posted`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return withButton();
}

export const decisionsBench: BenchSection = {
  name: "decisions",
  title: "Kunde hinzufügen: ack and click → views.open vs. a bare Bolt app (PostgreSQL)",
  async run() {
    const standin = await new SlackStandin({ members: USERS, channel: CHANNEL.id }).start();
    const db = await scratchDatabase();
    const env = { SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: standin.url };
    const app = await startAppProcess(
      {
        ...env,
        DATABASE_URL: db.url,
        SLACK_CHANNEL_ID: CHANNEL.id,
        INGEST_TOKEN,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
      },
      await freePort(),
      30_000,
      // e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" for a profile of the app.
      process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
      npmStartArgs(),
    );
    const barePort = await freePort();
    const bare = spawn(process.execPath, ["bench/bare-bolt-app.mjs"], {
      env: { ...process.env, ...env, PORT: String(barePort) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      await once(bare.stdout, "data");
      const messages = await postedRequests(standin, app.baseUrl);
      const ours = new Clicker(standin, app.baseUrl, messages);
      const base = new Clicker(standin, `http://127.0.0.1:${barePort}`, messages);
      // Each trigger_id belongs to one clicker; the other ignores it.
      standin.onCall = (call) => {
        if (call.method !== "views.open") return;
        const at = performance.now();
        ours.opened(String(call.args.trigger_id), at);
        base.opened(String(call.args.trigger_id), at);
      };
      const { k, b } = await measureInTurn(ours, base);
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
