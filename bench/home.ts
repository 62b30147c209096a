// App Home bench: a member opens the Home (app_home_opened, signed, as Slack sends it, through the
// app's HTTP endpoint) and waits for views.publish to reach the Slack stand-in. Measured on the
// kundenbot process as `npm start` runs it, first with an empty database (the baseline, same run),
// then with 10,000 open requests (inquiries and invitations in every open phase, some held by the
// viewer) and 1,000 follow-ups (many for the viewer). Target: p95 ≤ 300 ms. Also prints the query
// plans of what the Home reads, to show that indexes carry it.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { HOME_MAIL_FAILURES } from "../blocks/home/decline-mail-failures.ts";
import { HOME_FOLLOW_UPS } from "../blocks/home/follow-ups.ts";
import { HOME_MINE, HOME_PAGE_SIZE } from "../blocks/home/home-view.ts";
import { createWaitingService } from "../domain/requests/waiting-service.ts";
import { PrismaClient } from "../prisma/generated/client.ts";
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

async function plan(client: pg.Client, sql: string, params: unknown[] = []) {
  const { rows } = await client.query(`EXPLAIN ${sql}`, params);
  const lines = rows.map((r) => String(r["QUERY PLAN"]));
  const index = lines
    .join(" ")
    .match(/(?:Index|Index Only|Bitmap Index) Scan (?:Backward )?(?:using|on) "?(\w+)"?/);
  const shown = index ? `index ${index[1]}` : `no index: ${lines[0]?.replace(/\s+\(cost.*$/, "").trim()}`;
  const analyzed = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
  const [run] = analyzed.rows[0]["QUERY PLAN"] as { "Execution Time": number }[];
  return `${shown} (${Number(run?.["Execution Time"]).toFixed(2)} ms)`;
}

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
      const followUps = await seedFollowUps(client);
      await client.query("ANALYZE");
      console.log(
        `seeded ${2 * OPEN_PER_KIND} open requests (${(2 * OPEN_PER_KIND) / 25} held by the viewer), ${2 * DECIDED_PER_KIND} decided, ${followUps} follow-ups in ${Date.now() - t} ms`,
      );
      console.log("query plans of every statement the Home runs (captured from Prisma's query log):");
      for (const q of await homeQueries(db.url)) {
        console.log(`  ${label(q.sql).padEnd(32)} → ${await plan(client, q.sql, q.params)}`);
        if (process.env.BENCH_VERBOSE && /"FollowUp"/.test(q.sql)) {
          const { rows } = await client.query(`EXPLAIN ANALYZE ${q.sql}`, q.params);
          console.log(`    ${q.sql}\n${rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}`);
        }
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

/**
 * 1,000 follow-ups on open requests (every tenth of each kind), set by the viewer on one in two
 * of them and by another member on the rest; the viewer also holds one in five of those. Due from
 * two days ago to a week ahead; the past ones fired.
 */
async function seedFollowUps(client: pg.Client): Promise<number> {
  let n = 0;
  for (const [table, column, prefix] of [
    ["Inquiry", "inquiryId", "Anfrage"],
    ["Invitation", "invitationId", "Einladung"],
  ] as const) {
    const res = await client.query(`
      WITH r AS (
        SELECT id, split_part(name, ' ', 2)::int AS g FROM "${table}"
        WHERE name LIKE '${prefix} %' AND split_part(name, ' ', 2)::int % 10 = 0
      )
      INSERT INTO "FollowUp" (id, "${column}", "dueAt", note, "setBy", "setAt", "firedAt")
      SELECT gen_random_uuid(), r.id, now() + ((r.g % 216) - 48) * interval '1 hour',
             'Nachfassen wegen des Angebots ' || r.g,
             CASE WHEN r.g % 20 = 0 THEN '${VIEWER}' ELSE 'U0MEMBER02' END, now() - interval '3 days',
             CASE WHEN (r.g % 216) < 48 THEN now() END
      FROM r`);
    n += res.rowCount ?? 0;
  }
  return n;
}

/** Runs what the Home reads in this process, with Prisma's query log, and returns each SQL statement once. */
async function homeQueries(url: string): Promise<{ sql: string; params: unknown[] }[]> {
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    log: [{ emit: "event", level: "query" }],
  });
  const seen = new Map<string, unknown[]>();
  prisma.$on("query", (e) => {
    if (!seen.has(e.query)) seen.set(e.query, JSON.parse(e.params) as unknown[]);
  });
  try {
    await createWaitingService(prisma, { invitationsEnabled: true }).homeData(
      { i: 0, v: 0 },
      {
        pageSize: HOME_PAGE_SIZE,
        mailFailures: HOME_MAIL_FAILURES,
        mine: HOME_MINE,
        followUps: HOME_FOLLOW_UPS,
      },
      VIEWER,
    );
  } finally {
    await prisma.$disconnect();
  }
  return [...seen].map(([sql, params]) => ({ sql, params }));
}

/** "FollowUp ORDER BY dueAt LIMIT": what the statement reads, for the plan's line. */
function label(sql: string): string {
  const table = /FROM "(?:public"\.")?(\w+)"/.exec(sql)?.[1] ?? "?";
  const what =
    /^SELECT COUNT|SELECT COUNT\(/i.test(sql) || /COUNT\(\*\)/i.test(sql)
      ? "count"
      : /GROUP BY/i.test(sql)
        ? "group by"
        : "rows";
  return `${table} ${what}${/LIMIT/i.test(sql) ? " (limit)" : ""}`;
}
