import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallbackId, FieldId } from "../../blocks/ids.ts";
import { SIGNING_SECRET, TEAM_CHANNEL } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { finalDecisionAnswer, isWinningAnswer } from "../support/decision-answers.ts";
import { seedInquiry } from "../support/fixtures.ts";
import { texts, viewSubmission } from "../support/interactions.ts";
import { type AppProcess, freePort, startAppProcess } from "../support/process.ts";
import { interactionBody, postToSlackEndpoint } from "../support/sign.ts";
import { SlackStandin } from "../support/slack-standin.ts";

const DECIDERS = Array.from({ length: 20 }, (_, i) => `U0DECIDER${String(i).padStart(2, "0")}`);

// Two instances need a real PostgreSQL (PGlite serves one process only).
describe.skipIf(!dbKinds().includes("postgresql"))("20 simultaneous decisions over two app processes", () => {
  let db: TestDatabase;
  let standin: SlackStandin;
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase("postgresql");
    standin = await new SlackStandin({ members: DECIDERS }).start();
    const env = {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: standin.url,
      SLACK_CHANNEL_ID: TEAM_CHANNEL,
      DATABASE_URL: db.url as string,
      LOG_LEVEL: "warn",
    };
    processes.push(
      ...(await Promise.all([
        startAppProcess(env, await freePort(), 60_000),
        startAppProcess(env, await freePort(), 60_000),
      ])),
    );
  }, 90_000);
  afterAll(async () => {
    for (const p of processes) await p.stop();
    await standin?.stop();
    await db?.close();
  });

  it("leave exactly one customer and one assignment; the other 19 are told who decided", async () => {
    const inquiry = await seedInquiry(db.prisma, { email: "race@example.com" });
    const customersBefore = await db.prisma.customer.count();
    const answers = await Promise.all(
      DECIDERS.map((user, i) => {
        const body = interactionBody(
          viewSubmission({
            user,
            callbackId: CallbackId.assignRequest,
            privateMetadata: JSON.stringify({ kind: "inquiry", id: inquiry.id }),
            values: texts({ [FieldId.company]: `Firma ${user}` }),
            viewId: `V_${user}`,
          }),
        );
        const app = processes[i % 2] as AppProcess;
        return postToSlackEndpoint(app.baseUrl, SIGNING_SECRET, body, "application/x-www-form-urlencoded");
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(DECIDERS.map(() => 200));
    const finalViews = await Promise.all(
      answers.map((a, i) => finalDecisionAnswer(a, standin, `V_${DECIDERS[i]}`)),
    );
    const winners = DECIDERS.filter((_, i) => isWinningAnswer(finalViews[i] as string));
    expect(winners).toHaveLength(1);
    for (const [i, v] of finalViews.entries()) {
      if (DECIDERS[i] !== winners[0]) expect(v).toContain(`hat <@${winners[0]}> bereits`);
    }
    const row = await db.prisma.inquiry.findUniqueOrThrow({
      where: { id: inquiry.id },
      include: { customer: true },
    });
    expect(row).toMatchObject({ status: "assigned", decidedBy: winners[0] });
    expect(row.customer?.company).toBe(`Firma ${winners[0]}`);
    expect(await db.prisma.customer.count()).toBe(customersBefore + 1);
    expect(await db.prisma.auditEntry.count({ where: { entityId: inquiry.id } })).toBe(1);
  });
});
