import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setFollowUp } from "../../domain/follow-ups/follow-up-repository.ts";
import { claimDueFollowUps } from "../../domain/follow-ups/follow-up-service.ts";
import { jobs } from "../../domain/outbox/jobs.ts";
import { until } from "../e2e/support.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { SlackStandin } from "../support/slack-standin.ts";

const ANNA = "U0ANNA0001";
const BEN = "U0BEN00001";
const MINUTE = 60_000;
const POLL_MS = 50;

/**
 * The follow-up worker with an injected clock: each follow-up is posted once in its request's
 * thread when its time comes (mentioning the holder, else who set it), with two instances on one
 * database; a replaced one does not fire; one due while the bot was down is posted after the start,
 * marked late.
 */
describe.each(dbKinds())("follow-ups with an injected clock (%s)", (kind) => {
  // Ahead of the real time the outbox stamps jobs with, on a whole minute.
  const BASE = new Date(Math.ceil((Date.now() + 24 * 60 * MINUTE) / MINUTE) * MINUTE);
  let clock = BASE;
  const now = () => clock;
  let db: TestDatabase;
  let standin: SlackStandin;
  const apps: TestApp[] = [];
  const start = async () => {
    const app = await startTestApp(db, standin, { DIGEST_TIMEZONE: "Europe/Berlin" }, now, {
      followUpPollMs: POLL_MS,
    });
    apps.push(app);
    return app;
  };
  const stop = async (app: TestApp) => {
    await app.stop();
    apps.splice(apps.indexOf(app), 1);
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    standin = await new SlackStandin({ members: [ANNA, BEN] }).start();
  });
  afterAll(async () => {
    for (const a of [...apps]) await stop(a);
    await standin?.stop();
    await db?.close();
  });

  const postsIn = (ts: string) =>
    standin
      .okCallsOf("chat.postMessage")
      .filter((c) => c.args.thread_ts === ts && String(c.args.text).includes("Wiedervorlage"));
  const outboxIdle = () =>
    until(
      async () =>
        (await db.prisma.outboxJob.count({ where: { kind: jobs.postFollowUp.kind, status: "pending" } })) ===
        0,
      10_000,
      "no pending follow-up posts",
    );
  const set = (
    k: "inquiry" | "invitation",
    requestId: string,
    dueAt: Date,
    note: string | null,
    setBy = ANNA,
  ) => setFollowUp(db.prisma, { kind: k, requestId, dueAt, note, setBy, now: BASE });
  const settle = () => new Promise((r) => setTimeout(r, 10 * POLL_MS));

  it.skipIf(kind !== "postgresql")(
    "two instances post each follow-up once at its time, mentioning the holder or who set it; a replaced one does not fire",
    async () => {
      await start();
      await start();
      const held = await seedInquiry(db.prisma, { slackTs: "1800000101.000001" });
      await db.prisma.inquiry.update({ where: { id: held.id }, data: { takenBy: BEN } });
      const free = await seedInvitation(db.prisma, { slackTs: "1800000101.000002" });
      const replaced = await seedInquiry(db.prisma, { slackTs: "1800000101.000003" });
      const due = new Date(BASE.getTime() + 10 * MINUTE);
      await set("inquiry", held.id, due, "Angebot nachfassen <!channel> https://evil.example");
      await set("invitation", free.id, due, null);
      await set("inquiry", replaced.id, due, "alt");
      await db.prisma.$transaction((tx) =>
        setFollowUp(tx, {
          kind: "inquiry",
          requestId: replaced.id,
          dueAt: new Date(due.getTime() + 60 * MINUTE),
          note: "neu",
          setBy: ANNA,
          now: BASE,
        }),
      );

      clock = new Date(due.getTime() - MINUTE);
      await settle();
      expect(standin.okCallsOf("chat.postMessage").filter((c) => c.args.thread_ts)).toHaveLength(0);

      clock = new Date(due.getTime() + 20_000);
      await standin.waitFor(
        () => postsIn("1800000101.000001").length === 1 && postsIn("1800000101.000002").length === 1,
        10_000,
        "both follow-ups",
      );
      await settle();
      await outboxIdle();
      expect(postsIn("1800000101.000001")).toHaveLength(1);
      expect(postsIn("1800000101.000002")).toHaveLength(1);
      expect(postsIn("1800000101.000003")).toHaveLength(0);
      const heldText = String(postsIn("1800000101.000001")[0]?.args.text);
      expect(heldText).toBe(
        `:date: Wiedervorlage für <@${BEN}>: Angebot nachfassen &lt;!channel&gt; https://evil.example`,
      );
      expect(String(postsIn("1800000101.000001")[0]?.args.blocks)).toContain('"verbatim":true');
      expect(String(postsIn("1800000101.000002")[0]?.args.text)).toBe(`:date: Wiedervorlage für <@${ANNA}>`);
      expect(await db.prisma.outboxJob.count({ where: { kind: jobs.postFollowUp.kind } })).toBe(2);
      // The posts are recorded for the erasure.
      expect(await db.prisma.requestThreadMessage.count({ where: { kind: "follow_up" } })).toBe(2);

      // The replacement fires at its own time, once.
      clock = new Date(due.getTime() + 61 * MINUTE);
      await standin.waitFor(() => postsIn("1800000101.000003").length === 1, 10_000, "the replacement");
      expect(String(postsIn("1800000101.000003")[0]?.args.text)).toContain(": neu");
      await settle();
      await outboxIdle();
      expect(postsIn("1800000101.000003")).toHaveLength(1);
      for (const a of [...apps]) await stop(a);
    },
    60_000,
  );

  it("a follow-up due while the bot was down is posted after the start, marked late, once", async () => {
    const request = await seedInquiry(db.prisma, { slackTs: "1800000102.000001" });
    clock = new Date(BASE.getTime() + 3 * 60 * MINUTE);
    const due = new Date(clock.getTime() + 5 * MINUTE);
    await set("inquiry", request.id, due, "Rückruf");
    // The bot is down at that time; it starts an hour later.
    clock = new Date(due.getTime() + 60 * MINUTE);
    const app = await start();
    await standin.waitFor(() => postsIn("1800000102.000001").length === 1, 10_000, "the late follow-up");
    const text = String(postsIn("1800000102.000001")[0]?.args.text);
    expect(text).toContain(`Wiedervorlage (verspätet, fällig war <!date^${due.getTime() / 1000}^`);
    expect(text).toContain(`für <@${ANNA}>: Rückruf`);
    await outboxIdle();
    await stop(app);
    const again = await start();
    expect(await claimDueFollowUps({ db: db.prisma, now })).toBe(0);
    await settle();
    await outboxIdle();
    expect(postsIn("1800000102.000001")).toHaveLength(1);
    await stop(again);
  }, 60_000);

  it("a follow-up deleted (or its person erased) after the claim posts nothing", async () => {
    const request = await seedInquiry(db.prisma, { slackTs: "1800000103.000001" });
    clock = new Date(BASE.getTime() + 6 * 60 * MINUTE);
    await set("inquiry", request.id, new Date(clock.getTime() - MINUTE), "weg");
    expect(await claimDueFollowUps({ db: db.prisma, now })).toBe(1);
    await db.prisma.followUp.deleteMany({ where: { inquiryId: request.id } });
    const app = await start();
    await outboxIdle();
    await settle();
    expect(postsIn("1800000103.000001")).toHaveLength(0);
    await stop(app);
  }, 30_000);
});
