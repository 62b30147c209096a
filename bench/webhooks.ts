// Webhook bench: 1,000 events queued for a receiver that answers in 50 ms, delivered by the app
// next to 40 channel posts under Slack's one message per second; the posts' span is compared with
// the same 40 posts without webhooks in the same run (the webhook lane must not slow them down).
import pg from "pg";
import { SlackStandin } from "../test/support/slack-standin.ts";
import { WebhookReceiver } from "../test/support/webhook-receiver.ts";
import { postgres, send, startApp } from "./intake.ts";
import type { BenchSection } from "./sections.ts";

const POSTS = 40;
const BURST = 3;
const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 1000);
const RECEIVER_MS = 50;
const SECRET = `whsec_${Buffer.from("bench-webhook-secret-0123456789ab").toString("base64")}`;

/** EVENTS webhook jobs as the services write them: two events per record, in order per record. */
async function queueEvents(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "OutboxJob" (kind, lane, payload, "runAt", "orderKeys")
       SELECT 'webhook.send', 'webhook',
              jsonb_build_object(
                'webhookId', 'msg_bench' || i,
                'type', CASE WHEN i % 2 = 0 THEN 'request.created' ELSE 'request.taken' END,
                'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'data', jsonb_build_object('id', 'bench-' || (i / 2), 'kind', 'inquiry', 'status', 'open',
                                           'phase', 'new', 'name', 'Kundin ' || (i / 2),
                                           'email', 'k' || (i / 2) || '@example.com', 'phone', null,
                                           'company', null, 'customerId', null)),
              now(), ARRAY['inquiry:bench-' || (i / 2)]
       FROM generate_series(0, $1::int - 1) AS i`,
      [EVENTS],
    );
  } finally {
    await client.end();
  }
}

async function run(
  withWebhooks: boolean,
): Promise<{ postsMs: number; eventsMs?: number; limited: number } | undefined> {
  const db = await postgres();
  if (!db) return undefined;
  const standin = await new SlackStandin({ postRate: { perMs: 1000, burst: BURST } }).start();
  const receiver = withWebhooks ? await new WebhookReceiver(SECRET).start() : undefined;
  if (receiver) receiver.mode = { kind: "ok", delayMs: RECEIVER_MS };
  try {
    // Queue: an instance without SLACK_CHANNEL_ID stores and schedules, and posts nothing.
    const queuing = await startApp(standin, db.env, { SLACK_CHANNEL_ID: "" });
    for (let i = 0; i < POSTS; i++) await send(queuing.baseUrl);
    await queuing.stop();
    if (withWebhooks) await queueEvents(db.url as string);
    standin.reset();
    const started = Date.now();
    const app = await startApp(
      standin,
      db.env,
      receiver ? { WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET } : {},
    );
    try {
      await standin.waitFor(
        (s) => s.okCallsOf("chat.postMessage").length >= POSTS,
        180_000,
        `${POSTS} posts`,
      );
      const ok = standin.okCallsOf("chat.postMessage");
      const postsMs = (ok.at(-1)?.at ?? 0) - (ok[0]?.at ?? 0);
      const limited = standin.calls.filter((c) => c.method === "chat.postMessage" && c.status === 429).length;
      let eventsMs: number | undefined;
      if (receiver) {
        const end = Date.now() + 300_000;
        while (receiver.uniqueEvents().length < EVENTS && Date.now() < end)
          await new Promise((r) => setTimeout(r, 100));
        eventsMs = (receiver.uniqueEvents().at(-1)?.receivedAt ?? Date.now()) - started;
        const invalid = receiver.deliveries.filter((d) => !d.valid).length;
        console.log(
          `${receiver.uniqueEvents().length} of ${EVENTS} events delivered in ${(eventsMs / 1000).toFixed(1)} s from the app's start (${((EVENTS / eventsMs) * 1000).toFixed(0)} events/s, receiver ${RECEIVER_MS} ms each), ${receiver.deliveries.length - receiver.uniqueEvents().length} repeats, ${invalid} invalid signatures`,
        );
      }
      return { postsMs, eventsMs, limited };
    } finally {
      await app.stop();
    }
  } finally {
    await receiver?.stop();
    await standin.stop();
    await db.drop();
  }
}

export const webhooksBench: BenchSection = {
  name: "webhooks",
  title: `${EVENTS} webhook events (receiver ${RECEIVER_MS} ms) next to ${POSTS} channel posts at 1 msg/s`,
  async run() {
    const without = await run(false);
    const withHooks = await run(true);
    if (!without || !withHooks) return;
    const floor = (POSTS - BURST) * 1000;
    const ratio = withHooks.postsMs / without.postsMs;
    console.log(
      `${POSTS} posts without webhooks: ${(without.postsMs / 1000).toFixed(2)} s (${without.limited} × 429); with ${EVENTS} events in flight: ${(withHooks.postsMs / 1000).toFixed(2)} s (${withHooks.limited} × 429); floor ${(floor / 1000).toFixed(0)} s; with/without ${ratio.toFixed(3)} (target ≤ 1.05: ${ratio <= 1.05 ? "met" : "MISSED"})`,
    );
  },
};
