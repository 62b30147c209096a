import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ActionId } from "../../blocks/ids.ts";
import { loadConfig } from "../../bot/config.ts";
import { jobs } from "../../domain/outbox/jobs.ts";
import { addDays, localDateTime, zonedTimeToInstant } from "../../domain/time/calendar.ts";
import { claimDueReminders } from "../../domain/triage/reminder-service.ts";
import { until } from "../e2e/support.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { seedInquiry } from "../support/fixtures.ts";
import { blockAction } from "../support/interactions.ts";
import { SlackStandin } from "../support/slack-standin.ts";

const TZ = "Europe/Berlin";
const ANNA = "U0ANNA0001";
const HOUR = 3_600_000;
const POLL_MS = 50;

/**
 * The next Monday at 09:00 in Berlin after the real time: the outbox stamps jobs with the real time,
 * so the injected clock must not run behind it.
 */
function nextMonday9(): Date {
  const today = localDateTime(new Date(), TZ);
  for (let i = 1; i <= 7; i++) {
    const d = addDays(today, i);
    if (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() === 1)
      return zonedTimeToInstant({ ...d, hour: 9, minute: 0, second: 0 }, TZ);
  }
  throw new Error("no Monday within a week");
}

const settingsOf = (env: Record<string, string>) => {
  const c = loadConfig({ SLACK_BOT_TOKEN: "xoxb-x", SLACK_SIGNING_SECRET: "s", ...env });
  return { ...c.reminders, timeZone: c.digest.timezone };
};

describe.each(dbKinds())("reminders with an injected clock (%s)", (kind) => {
  const MONDAY = nextMonday9();
  let clock = MONDAY;
  const now = () => clock;
  let db: TestDatabase;
  let standin: SlackStandin;
  const apps: TestApp[] = [];
  const env = { REMINDER_HOURS: "24" };
  const start = async () => {
    const app = await startTestApp(db, standin, env, now, { reminderPollMs: POLL_MS });
    apps.push(app);
    return app;
  };
  const stop = async (app: TestApp) => {
    await app.stop();
    apps.splice(apps.indexOf(app), 1);
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    standin = await new SlackStandin({ members: [ANNA, "U0BEN00001"] }).start();
  });
  afterAll(async () => {
    for (const a of [...apps]) await stop(a);
    await standin?.stop();
    await db?.close();
  });
  beforeEach(() => {
    clock = MONDAY;
  });

  const remindersIn = (ts: string) =>
    standin
      .okCallsOf("chat.postMessage")
      .filter((c) => c.args.thread_ts === ts && String(c.args.text).includes("Erinnerung"));
  const outboxIdle = () =>
    until(
      async () =>
        (await db.prisma.outboxJob.count({ where: { kind: jobs.remind.kind, status: "pending" } })) === 0,
      10_000,
      "no pending reminder jobs",
    );
  const dueNow = () => claimDueReminders({ db: db.prisma, now }, settingsOf(env));

  it("posts one reminder after REMINDER_HOURS, naming the holder or nobody, and never again after a restart", async () => {
    const app = await start();
    await seedInquiry(db.prisma, { receivedAt: MONDAY, slackTs: "1800000001.000001" });
    const taken = await seedInquiry(db.prisma, { receivedAt: MONDAY, slackTs: "1800000001.000002" });
    const decided = await seedInquiry(db.prisma, { receivedAt: MONDAY, slackTs: "1800000001.000003" });
    await db.prisma.inquiry.update({
      where: { id: decided.id },
      data: { status: "assigned", decidedBy: ANNA, decidedAt: MONDAY },
    });
    expect(
      (
        await app.interact(
          blockAction({ user: ANNA, actionId: ActionId.takeRequest, value: `inquiry:${taken.id}` }),
        )
      ).status,
    ).toBe(200);

    clock = new Date(MONDAY.getTime() + 24 * HOUR - 60_000);
    expect(await dueNow()).toBe(0);
    expect(await db.prisma.inquiry.count({ where: { remindedAt: { not: null } } })).toBe(0);

    clock = new Date(MONDAY.getTime() + 24 * HOUR + 60_000);
    await standin.waitFor(
      () => remindersIn("1800000001.000001").length === 1 && remindersIn("1800000001.000002").length === 1,
      10_000,
      "both reminders",
    );
    const freeText = String(remindersIn("1800000001.000001")[0]?.args.text);
    const takenText = String(remindersIn("1800000001.000002")[0]?.args.text);
    expect(freeText).toContain("wartet seit 24 Stunden");
    expect(freeText).toContain("Noch hat sie niemand übernommen.");
    expect(takenText).toContain(`In Bearbeitung: <@${ANNA}>`);
    for (const text of [freeText, takenText]) expect(text).not.toMatch(/<!(channel|here|everyone)>/);
    expect(remindersIn("1800000001.000003")).toHaveLength(0);

    await outboxIdle();
    await stop(app);
    clock = new Date(clock.getTime() + 5 * HOUR);
    const again = await start();
    expect(await dueNow()).toBe(0);
    await outboxIdle();
    expect(await db.prisma.outboxJob.count({ where: { kind: jobs.remind.kind } })).toBe(2);
    expect(remindersIn("1800000001.000001")).toHaveLength(1);
    expect(remindersIn("1800000001.000002")).toHaveLength(1);
    await stop(again);
  }, 60_000);

  it("a reminder due on Saturday waits for Monday 08:00", async () => {
    const friday10 = new Date(MONDAY.getTime() + 4 * 24 * HOUR + HOUR);
    const inquiry = await seedInquiry(db.prisma, { receivedAt: friday10, slackTs: "1800000002.000001" });
    clock = new Date(friday10.getTime() + 26 * HOUR); // Saturday 12:00
    expect(await dueNow()).toBe(0);
    const nextMonday = new Date(MONDAY.getTime() + 7 * 24 * HOUR);
    clock = new Date(nextMonday.getTime() - HOUR - 60_000); // Monday 07:59
    expect(await dueNow()).toBe(0);
    expect((await db.prisma.inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).remindedAt).toBeNull();

    const app = await start();
    clock = new Date(nextMonday.getTime() - HOUR); // Monday 08:00
    await standin.waitFor(() => remindersIn("1800000002.000001").length === 1, 10_000, "the Monday reminder");
    expect(String(remindersIn("1800000002.000001")[0]?.args.text)).toContain("wartet seit 2 Tagen"); // Friday 10:00 to Monday 08:00: 70 hours;
    expect((await db.prisma.inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).remindedAt).toEqual(
      clock,
    );
    await stop(app);
  }, 60_000);

  it.skipIf(kind !== "postgresql")(
    "two instances post each reminder once, also with a restart in between",
    async () => {
      const first = await start();
      const second = await start();
      const received = new Date(MONDAY.getTime() + 2 * 24 * HOUR); // Wednesday 09:00
      const ts = Array.from({ length: 8 }, (_, i) => `1800000003.00000${i}`);
      for (const t of ts) await seedInquiry(db.prisma, { receivedAt: received, slackTs: t });
      clock = new Date(received.getTime() + 24 * HOUR); // Thursday 09:00
      await standin.waitFor(() => ts.every((t) => remindersIn(t).length >= 1), 15_000, "eight reminders");
      await outboxIdle();
      await stop(first);
      clock = new Date(clock.getTime() + HOUR);
      const third = await start();
      expect(await dueNow()).toBe(0);
      await outboxIdle();
      for (const t of ts) expect(remindersIn(t)).toHaveLength(1);
      await stop(second);
      await stop(third);
    },
    90_000,
  );
});
