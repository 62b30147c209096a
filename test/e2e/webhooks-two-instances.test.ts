import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionId } from "../../blocks/ids.ts";
import { INGEST_TOKEN, SIGNING_SECRET, TEAM_CHANNEL } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { inquiryBody, postIntake } from "../support/intake.ts";
import { blockAction } from "../support/interactions.ts";
import { type AppProcess, freePort, startAppProcess } from "../support/process.ts";
import { interactionBody, postToSlackEndpoint } from "../support/sign.ts";
import { SlackStandin } from "../support/slack-standin.ts";
import { WebhookReceiver } from "../support/webhook-receiver.ts";
import { until } from "./support.ts";

const RECORDS = 12;
const SECRET = `whsec_${Buffer.from("two-instances-webhook-secret-0123").toString("base64")}`;

/**
 * Two app processes on one PostgreSQL send each event at least once, with one webhook-id, in
 * order per record: while the receiver is down, answers 500, and while one instance restarts.
 */
describe.skipIf(!dbKinds().includes("postgresql"))("webhooks from two app processes", () => {
  let db: TestDatabase;
  let standin: SlackStandin;
  let receiver: WebhookReceiver;
  const processes: AppProcess[] = [];
  const env = () => ({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: standin.url,
    SLACK_CHANNEL_ID: TEAM_CHANNEL,
    SLACK_POSTS_PER_SECOND: "50",
    DATABASE_URL: db.url as string,
    INGEST_TOKEN,
    WEBHOOK_URL: receiver.url,
    WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: "warn",
  });

  beforeAll(async () => {
    db = await createTestDatabase("postgresql");
    standin = await new SlackStandin().start();
    receiver = await new WebhookReceiver(SECRET).start();
    // Down at first: the events wait in the outbox.
    await receiver.stop();
    processes.push(
      ...(await Promise.all([
        startAppProcess(env(), await freePort(), 60_000),
        startAppProcess(env(), await freePort(), 60_000),
      ])),
    );
  }, 120_000);
  afterAll(async () => {
    for (const p of processes) await p.stop();
    await receiver?.stop();
    await standin?.stop();
    await db?.close();
  });

  it("delivers every event once or more, same id, in order per record, through 500s and a restart", async () => {
    const ids: string[] = [];
    for (let i = 0; i < RECORDS; i++) {
      const app = processes[i % 2] as AppProcess;
      const res = await postIntake(app.baseUrl, "inquiries", inquiryBody({ name: `Kundin ${i}` }), {
        token: INGEST_TOKEN,
      });
      expect(res.status).toBe(201);
      ids.push(String(res.body.id));
    }
    // Each request is taken through the other instance: created and taken are two events per record.
    for (const [i, id] of ids.entries()) {
      const app = processes[(i + 1) % 2] as AppProcess;
      const click = blockAction({
        user: "U0MEMBER01",
        actionId: ActionId.takeRequest,
        value: `inquiry:${id}`,
      });
      const res = await postToSlackEndpoint(
        app.baseUrl,
        SIGNING_SECRET,
        interactionBody(click),
        "application/x-www-form-urlencoded",
      );
      expect(res.status).toBe(200);
    }
    await until(
      async () => (await db.prisma.outboxJob.count({ where: { kind: "webhook.send" } })) === 2 * RECORDS,
      10_000,
      "the events to be queued",
    );
    // An instance restarts while the receiver is down; the queue survives it.
    const restarted = processes.shift() as AppProcess;
    await restarted.stop();
    processes.push(await startAppProcess(env(), await freePort(), 60_000));
    // Up again, first answering 500 a few times.
    await receiver.start();
    receiver.script.push(...Array.from({ length: 6 }, () => ({ kind: "status" as const, status: 500 })));
    await until(() => receiver.uniqueEvents().length >= RECORDS / 2, 60_000, "some deliveries");
    // The other instance restarts in the middle of it.
    const first = processes.shift() as AppProcess;
    await first.stop();
    processes.push(await startAppProcess(env(), await freePort(), 60_000));
    await until(() => receiver.uniqueEvents().length >= 2 * RECORDS, 90_000, "every event");
    await new Promise((r) => setTimeout(r, 1_000));

    const unique = receiver.uniqueEvents();
    expect(unique).toHaveLength(2 * RECORDS);
    expect(receiver.deliveries.every((d) => d.valid)).toBe(true);
    // A repeated delivery is the same event: same id, same body.
    const bodies = new Map<string, string>();
    for (const d of receiver.deliveries) {
      expect(bodies.get(d.id) ?? d.body).toBe(d.body);
      bodies.set(d.id, d.body);
    }
    for (const id of ids) {
      const types = unique.filter((d) => d.event.data.id === id).map((d) => d.event.type);
      expect(types, id).toEqual(["request.created", "request.taken"]);
      // Never taken before it was created, in any attempt that reached the receiver.
      const firstTaken = receiver.deliveries.findIndex(
        (d) => d.event.data.id === id && d.event.type === "request.taken",
      );
      const createdOk = receiver.deliveries.findIndex(
        (d) => d.event.data.id === id && d.event.type === "request.created" && d.answered === 204,
      );
      expect(createdOk, id).toBeLessThan(firstTaken);
    }
    expect(
      await db.prisma.outboxJob.count({ where: { kind: "webhook.send", status: { not: "done" } } }),
    ).toBe(0);
  }, 200_000);
});
