import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhook, webhookPauseMs } from "../../bot/outbox/webhook-jobs.ts";
import { customerInput } from "../../domain/customers/customer.schema.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { inquiryBody, invitationBody, postIntake } from "../support/intake.ts";
import { SlackStandin } from "../support/slack-standin.ts";
import { type Delivery, verifyStandardWebhook, WebhookReceiver } from "../support/webhook-receiver.ts";
import { until } from "./support.ts";

/**
 * Webhooks from end to end, in one app on PGlite: the intake API, the services, the outbox's own
 * lane and a receiver on loopback that checks every signature with its own implementation.
 */

// The Standard Webhooks specification's test vector (libraries/javascript/src/webhook.test.ts).
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const SECRET = `whsec_${Buffer.from("kundenbot-test-webhook-secret-32b").toString("base64")}`;

describe("the Standard Webhooks signature", () => {
  it("matches the specification's test vector, in the app and in the receiver's own implementation", async () => {
    const key = Buffer.from(VECTOR.secret.slice("whsec_".length), "base64");
    expect(signWebhook(key, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    const headers = { id: VECTOR.id, timestamp: String(VECTOR.timestamp), signature: VECTOR.signature };
    expect(await verifyStandardWebhook(VECTOR.secret, headers, VECTOR.body)).toBe(true);
    // The verifier can fail: another body, id, timestamp or secret.
    expect(await verifyStandardWebhook(VECTOR.secret, headers, '{"test": 2432232315}')).toBe(false);
    expect(await verifyStandardWebhook(VECTOR.secret, { ...headers, id: "msg_other" }, VECTOR.body)).toBe(
      false,
    );
    expect(
      await verifyStandardWebhook(VECTOR.secret, { ...headers, timestamp: "1614265331" }, VECTOR.body),
    ).toBe(false);
    expect(await verifyStandardWebhook(SECRET, headers, VECTOR.body)).toBe(false);
  });

  it("pauses grow from within 30 s to at most 10 minutes", () => {
    const pauses = Array.from({ length: 12 }, (_, i) => webhookPauseMs(i + 1));
    expect(pauses[0]).toBeLessThanOrEqual(30_000);
    expect(Math.max(...pauses)).toBeLessThanOrEqual(600_000);
    expect(pauses[5]).toBeGreaterThan(pauses[0] as number);
    // Retried for at least 24 hours before it is given up (after 3 days): 10-minute pauses.
    expect(pauses.slice(6).every((p) => p >= 480_000)).toBe(true);
  });
});

describe("webhooks from one app", () => {
  let db: TestDatabase;
  let standin: SlackStandin;
  let receiver: WebhookReceiver;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    standin = await new SlackStandin().start();
    receiver = await new WebhookReceiver(SECRET).start();
    app = await startTestApp(db, standin, { WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET });
  });
  afterAll(async () => {
    await app?.stop();
    await receiver?.stop();
    await standin?.stop();
    await db?.close();
  });

  const eventsOf = (id: string) => receiver.uniqueEvents().filter((d) => d.event.data.id === id);
  const waitFor = (what: string, check: () => boolean, ms = 10_000) => until(check, ms, what);

  it("sends request.created, .taken, .phase_changed, .answered, .decided and customer.created/.updated, signed, in order", async () => {
    const res = await postIntake(
      app.baseUrl,
      "inquiries",
      inquiryBody({
        name: "Eva Schäfer",
        email: "eva@example.com",
        phone: "+49 30 1234",
        company: "Schäfer & Söhne",
      }),
    );
    const id = String(res.body.id);
    await waitFor("request.created", () => eventsOf(id).length === 1);
    const created = eventsOf(id)[0] as Delivery;
    expect(created.valid).toBe(true);
    expect(created.event).toEqual({
      type: "request.created",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: {
        id,
        kind: "inquiry",
        status: "open",
        phase: "new",
        name: "Eva Schäfer",
        email: "eva@example.com",
        phone: "+49 30 1234",
        company: "Schäfer & Söhne",
        customerId: null,
      },
    });
    expect(Math.abs(created.timestamp - Date.now() / 1000)).toBeLessThan(30);

    expect(
      (await app.deps.triage.takeRequest({ kind: "inquiry", requestId: id, actor: "U0MEMBER01" })).status,
    ).toBe("taken");
    const decided = await app.deps.decisions.assignRequest({
      kind: "inquiry",
      requestId: id,
      actor: "U0MEMBER01",
      customer: {
        newCustomer: customerInput.parse({ firstName: "Eva", lastName: "Schäfer", email: "eva@example.com" }),
      },
    });
    if (decided.status !== "decided") throw new Error(decided.status);
    const customerId = decided.decision.customer?.id as string;
    await waitFor("request.decided", () => eventsOf(id).length === 3);
    expect(eventsOf(id).map((d) => d.event.type)).toEqual([
      "request.created",
      "request.taken",
      "request.decided",
    ]);
    expect(eventsOf(id)[2]?.event.data).toMatchObject({ status: "assigned", customerId });
    await waitFor("customer.created", () => eventsOf(customerId).length === 1);
    expect(eventsOf(customerId)[0]?.event).toMatchObject({
      type: "customer.created",
      data: {
        id: customerId,
        name: "Eva Schäfer",
        email: "eva@example.com",
        phone: null,
        company: null,
        domains: [],
      },
    });

    await app.deps.customers.assignDomain(customerId, { name: "schaefer-soehne.de" }, "U0MEMBER01");
    await app.deps.customers.editCustomer(
      customerId,
      customerInput.parse({
        firstName: "Eva",
        lastName: "Schäfer",
        email: "eva@example.com",
        phone: "030 999",
      }),
      "U0MEMBER01",
    );
    await waitFor("two customer.updated", () => eventsOf(customerId).length === 3);
    expect(eventsOf(customerId).map((d) => [d.event.type, d.event.data.domains, d.event.data.phone])).toEqual(
      [
        ["customer.created", [], null],
        ["customer.updated", ["schaefer-soehne.de"], null],
        ["customer.updated", ["schaefer-soehne.de"], "030 999"],
      ],
    );
    // Every webhook-id is another event's.
    const ids = receiver.uniqueEvents().map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((i) => /^msg_[A-Za-z0-9]+$/.test(i))).toBe(true);
  });

  it("retries a 500 and a receiver that hangs with the same webhook-id, and Slack posts go on meanwhile", async () => {
    const his = (e: Delivery["event"]) => e.data.name === "Jörg Müller";
    receiver.script.push({ kind: "status", status: 500, match: his }, { kind: "hang", match: his });
    const started = Date.now();
    const res = await postIntake(app.baseUrl, "invitations", invitationBody({ name: "Jörg Müller" }));
    const id = String(res.body.id);
    // While its webhook fails and hangs, more requests are posted to the channel without delay.
    const more = await postIntake(app.baseUrl, "inquiries", inquiryBody({ name: "Nina Nachher" }));
    await until(
      async () =>
        (await app.deps.prisma.inquiry.findUniqueOrThrow({ where: { id: String(more.body.id) } })).slackTs !==
        null,
      5_000,
      "the next request's channel post while the webhook hangs",
    );
    await waitFor("the event after a 500 and a hang", () => eventsOf(id).length === 1, 40_000);
    const attempts = receiver.deliveries.filter((d) => d.event.data.id === id);
    expect(attempts.map((d) => d.answered)).toEqual([500, 0, 204]);
    expect(new Set(attempts.map((d) => d.id)).size).toBe(1);
    expect(attempts.every((d) => d.valid)).toBe(true);
    // The first retry came within 30 s; the hung attempt was given up after 10 s.
    expect((attempts[1] as Delivery).receivedAt - (attempts[0] as Delivery).receivedAt).toBeLessThan(30_000);
    const hung = (attempts[2] as Delivery).receivedAt - (attempts[1] as Delivery).receivedAt;
    expect(hung).toBeGreaterThanOrEqual(10_000);
    expect(Date.now() - started).toBeLessThan(45_000);
    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/kundenbot_webhook_attempts_total\{result="5xx"\} [1-9]/);
    expect(metrics).toMatch(/kundenbot_webhook_attempts_total\{result="timeout"\} [1-9]/);
    expect(metrics).toMatch(
      /kundenbot_outbox_job_failures_total\{kind="webhook.send",reason="retry"\} [1-9]/,
    );
    expect(metrics).toContain('kundenbot_outbox_jobs{kind="webhook.send",status="done"}');
    // The log names the event, never the person.
    const log = app.logs.filter((l) => l.includes("webhook")).join("\n");
    expect(log).toContain("webhook not delivered");
    expect(log).not.toContain("Jörg");
    expect(log).not.toContain("joerg@example.com");
  }, 60_000);

  it("sends queued events of an erased person without her data, then person.erased with only the address", async () => {
    await receiver.stop();
    const anna = {
      name: "Anna Äcker",
      email: "anna@example.com",
      phone: "+49 40 5550123",
      company: "Äcker GmbH",
    };
    const res = await postIntake(app.baseUrl, "inquiries", inquiryBody(anna));
    const id = String(res.body.id);
    await app.deps.triage.takeRequest({ kind: "inquiry", requestId: id, actor: "U0MEMBER01" });
    const other = await postIntake(
      app.baseUrl,
      "inquiries",
      inquiryBody({ name: "Bernd", email: "anna@example.org" }),
    );
    // Her events wait (the receiver is down); a few attempts fail meanwhile.
    await until(
      async () =>
        (await app.deps.prisma.outboxJob.count({
          where: { kind: "webhook.send", status: "pending", attempts: { gt: 0 } },
        })) >= 1,
      10_000,
      "failed attempts",
    );
    const result = await app.deps.privacy.erase("Anna@Example.com", "U0MEMBER01");
    expect(result.status).toBe("erased");
    const from = receiver.deliveries.length;
    await receiver.start();
    await waitFor(
      "person.erased",
      () => receiver.uniqueEvents().some((d) => d.event.type === "person.erased"),
      40_000,
    );
    await waitFor("Bernd's event", () => eventsOf(String(other.body.id)).length === 1, 40_000);
    const after = receiver.deliveries.slice(from);
    for (const d of after) {
      for (const needle of ["Anna", "Äcker", "anna@example.com", "5550123"]) {
        if (d.event.type !== "person.erased") expect(d.body, d.event.type).not.toContain(needle);
      }
    }
    const hers = receiver.uniqueEvents().filter((d) => d.event.data.id === id);
    expect(hers.map((d) => d.event.type)).toEqual(["request.created", "request.taken"]);
    expect(hers[0]?.event.data).toEqual({
      id,
      kind: "inquiry",
      status: "open",
      phase: "new",
      name: null,
      email: null,
      phone: null,
      company: null,
      customerId: null,
    });
    const erased = receiver.uniqueEvents().filter((d) => d.event.type === "person.erased");
    expect(erased).toHaveLength(1);
    expect(erased[0]?.event.data).toEqual({ email: "Anna@Example.com" });
    // Her events first, then the erasure; nothing of hers after it.
    const order = receiver.uniqueEvents().map((d) => d.id);
    const at = (d: Delivery | undefined) => order.indexOf(d?.id as string);
    expect(at(erased[0])).toBeGreaterThan(at(hers[1]));
    // Another address that merely looks alike is sent as it is.
    expect(eventsOf(String(other.body.id))[0]?.event.data).toMatchObject({ email: "anna@example.org" });
  }, 90_000);

  it("sends person.erased only after an event of hers that was in flight when she was erased", async () => {
    const carla = { name: "Carla Conrad", email: "carla@example.com", phone: "+49 89 4440111" };
    const hers = (e: Delivery["event"]) => e.data.id === carlaId;
    let carlaId = "";
    receiver.script.push({ kind: "hang", match: hers });
    const res = await postIntake(app.baseUrl, "inquiries", inquiryBody(carla));
    carlaId = String(res.body.id);
    // Her request.created is on its way (the receiver holds it) when the erasure commits.
    await waitFor("her event in flight", () => receiver.deliveries.some((d) => d.event.data.id === carlaId));
    expect((await app.deps.privacy.erase(carla.email, "U0MEMBER01")).status).toBe("erased");
    await waitFor(
      "her person.erased",
      () =>
        receiver
          .uniqueEvents()
          .some((d) => d.event.type === "person.erased" && d.event.data.email === carla.email),
      40_000,
    );
    const attempts = receiver.deliveries.filter((d) => d.event.data.id === carlaId);
    // The hung attempt carried her data (it left before the erasure); its retry went without it.
    expect(attempts.map((d) => [d.answered, d.event.data.name])).toEqual([
      [0, carla.name],
      [204, null],
    ]);
    const erasedAt = receiver.deliveries.findIndex(
      (d) => d.event.type === "person.erased" && d.event.data.email === carla.email,
    );
    expect(erasedAt).toBeGreaterThan(receiver.deliveries.indexOf(attempts[1] as Delivery));
    for (const d of receiver.deliveries.slice(erasedAt + 1)) expect(d.body).not.toContain("Carla");
  }, 60_000);
});
