import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionId } from "../../blocks/ids.ts";
import { TEAM_CHANNEL } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { seedInquiry } from "../support/fixtures.ts";
import { blockAction } from "../support/interactions.ts";
import { type AppProcess, freePort, startAppProcess } from "../support/process.ts";
import { commandBody, interactionBody, postToSlackEndpoint } from "../support/sign.ts";
import { SlackStandin } from "../support/slack-standin.ts";

const SECRET = "take-race-signing-secret";
const MEMBERS = ["U0ANNA0001", "U0BEN00001", "U0CARLA001"];
const CLICKS = 20;

/**
 * 20 clicks on Übernehmen of one inquiry at the same moment, from three members, split over two bot
 * processes sharing one PostgreSQL: the database picks one holder; everybody else is told who it is,
 * and the channel message shows the holder.
 */
describe.skipIf(!dbKinds().includes("postgresql"))("20 simultaneous Übernehmen over two processes", () => {
  let db: TestDatabase;
  let standin: SlackStandin;
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase("postgresql");
    standin = await new SlackStandin({ members: MEMBERS }).start();
    const env = {
      SLACK_BOT_TOKEN: "xoxb-take-race",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: standin.url,
      SLACK_CHANNEL_ID: TEAM_CHANNEL,
      DATABASE_URL: db.url as string,
      LOG_LEVEL: "info",
      REMINDER_HOURS: "0",
    };
    processes.push(
      ...(await Promise.all([
        startAppProcess(env, await freePort(), 60_000),
        startAppProcess(env, await freePort(), 60_000),
      ])),
    );
    // Warm both up (auth.test, membership, first queries), so the race is about the take only.
    for (const p of processes) {
      const res = await postToSlackEndpoint(
        p.baseUrl,
        SECRET,
        commandBody({
          command: "/kunden",
          text: "hilfe",
          user_id: "U0ANNA0001",
          team_id: "T0AGENTUR1",
          channel_id: TEAM_CHANNEL,
          trigger_id: "warm",
          response_url: standin.responseUrl(),
        }),
        "application/x-www-form-urlencoded",
      );
      expect(res.status).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    for (const p of processes) await p.stop();
    await standin?.stop();
    await db?.close();
  });

  it("one holder, the others are told who, and the message shows the holder", async () => {
    const inquiry = await seedInquiry(db.prisma, { slackTs: "1700000500.000001" });
    const clicks = Array.from({ length: CLICKS }, (_, i) => {
      const responseUrl = standin.responseUrl();
      const user = MEMBERS[i % MEMBERS.length] as string;
      const payload = blockAction({
        user,
        actionId: ActionId.takeRequest,
        value: `inquiry:${inquiry.id}`,
        responseUrl,
        messageTs: inquiry.slackTs ?? undefined,
      });
      return { user, responseId: responseUrl.split("/").at(-1) as string, body: interactionBody(payload) };
    });
    const started = Date.now();
    const answers = await Promise.all(
      clicks.map(async (c, i) => {
        const res = await postToSlackEndpoint(
          (processes[i % 2] as AppProcess).baseUrl,
          SECRET,
          c.body,
          "application/x-www-form-urlencoded",
        );
        return { ...c, status: res.status, ms: Date.now() - started };
      }),
    );
    for (const a of answers) expect(a.status).toBe(200);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(3_000);

    // The acks come first (ADR 011): the take itself may still be running when the last ack is in.
    let row = await db.prisma.inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
    for (const deadline = Date.now() + 10_000; row.takenBy === null && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 50));
      row = await db.prisma.inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
    }
    const holder = row.takenBy as string;
    expect(MEMBERS).toContain(holder);
    const audit = await db.prisma.auditEntry.findMany({
      where: { entityType: "inquiry", entityId: inquiry.id },
    });
    expect(audit.map((a) => [a.actor, a.action])).toEqual([[holder, "inquiry.taken"]]);

    // Everybody else is told who has it, through their click's response_url.
    const others = answers.filter((a) => a.user !== holder);
    await standin.waitFor(
      (s) => others.every((a) => s.responses.some((r) => r.id === a.responseId)),
      10_000,
      "an answer to every other member's click",
    );
    for (const a of others) {
      const body = standin.responses.find((r) => r.id === a.responseId)?.body;
      expect(body).toMatchObject({ response_type: "ephemeral", replace_original: false });
      expect(String(body?.text)).toContain(`bereits <@${holder}> übernommen`);
    }

    await standin.waitFor(
      (s) => s.okCallsOf("chat.update").some((c) => c.args.ts === inquiry.slackTs),
      10_000,
      "chat.update of the inquiry's message",
    );
    const last = standin
      .okCallsOf("chat.update")
      .filter((c) => c.args.ts === inquiry.slackTs)
      .at(-1);
    expect(String(last?.args.blocks)).toContain(`in Bearbeitung: <@${holder}>`);
    expect(String(last?.args.blocks)).toContain('"text":"Abgeben"');
    console.info(
      `take race: holder ${holder}, ${others.length} told, slowest ack ${Math.max(...answers.map((a) => a.ms))} ms`,
    );
  }, 120_000);
});
