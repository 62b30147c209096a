import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ActionId,
  CallbackId,
  EXISTING_CUSTOMER_BLOCK,
  FieldId,
  PERSONAL_MESSAGE_ACTION,
  PERSONAL_MESSAGE_BLOCK,
} from "../../blocks/ids.ts";
import { TEAM_CHANNEL } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { finalDecisionAnswer, isWinningAnswer } from "../support/decision-answers.ts";
import { seedInvitation } from "../support/fixtures.ts";
import { texts, viewSubmission } from "../support/interactions.ts";
import { type AppProcess, freePort, startAppProcess } from "../support/process.ts";
import { commandBody, interactionBody, postToSlackEndpoint } from "../support/sign.ts";
import { SlackStandin } from "../support/slack-standin.ts";
import { TestSmtpServer } from "../support/smtp.ts";
import { settle, until } from "./support.ts";

const SECRET = "race-signing-secret";
const USERS = Array.from({ length: 20 }, (_, i) => `U0R${String(i + 1).padStart(2, "0")}`);
/**
 * A decline needs one write fewer than a connect with a new customer, so in a dead heat it tends to
 * win (measured: 3 of 3 dead heats, also with a 40 ms head start for the connects). In the middle
 * round the ten connects go first, at the same moment, and the ten declines 150 ms later, so that a
 * connect winning, and the rollback of the customers that the losing connects created, are raced too.
 */
const CONNECT_HEAD_START_MS = [0, 150, 0];
const ROUNDS = CONNECT_HEAD_START_MS.length;

/**
 * 20 people decide one invitation at the same moment, half of them on each of two bot processes
 * sharing one PostgreSQL: Kunde verbinden and Einladung ablehnen mixed. The database decides who
 * was first; everybody else is told, and at most one e-mail leaves.
 */
describe.skipIf(!dbKinds().includes("postgresql"))("20 simultaneous decisions over two processes", () => {
  let db: TestDatabase;
  let standin: SlackStandin;
  let smtp: TestSmtpServer;
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase("postgresql");
    standin = await new SlackStandin({ members: USERS }).start();
    smtp = await new TestSmtpServer().start();
    const env = {
      SLACK_BOT_TOKEN: "xoxb-race-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: standin.url,
      SLACK_CHANNEL_ID: TEAM_CHANNEL,
      DATABASE_URL: db.url as string,
      SMTP_URL: smtp.url,
      MAIL_FROM: "Agentur Beispiel <kontakt@agentur.example>",
      LOG_LEVEL: "info",
    };
    processes.push(
      ...(await Promise.all([
        startAppProcess(env, await freePort(), 60_000),
        startAppProcess(env, await freePort(), 60_000),
      ])),
    );
    // Warm both up (auth.test, membership, first queries), so the race is about the decision only.
    for (const p of processes) {
      const res = await postToSlackEndpoint(
        p.baseUrl,
        SECRET,
        commandBody({
          command: "/kunden",
          text: "hilfe",
          user_id: "U0R01",
          team_id: "T0AGENTUR1",
          channel_id: TEAM_CHANNEL,
          trigger_id: "warm",
          response_url: `${standin.url}response_url`,
        }),
        "application/x-www-form-urlencoded",
      );
      expect(res.status).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    for (const p of processes) await p.stop();
    await smtp?.stop();
    await standin?.stop();
    await db?.close();
  });

  const submission = (user: string, i: number, invitationId: string) => {
    const privateMetadata = JSON.stringify({ kind: "invitation", id: invitationId });
    return i % 2 === 0
      ? viewSubmission({
          user,
          callbackId: CallbackId.assignRequest,
          privateMetadata,
          viewId: `V_${user}_${invitationId}`,
          values: {
            ...texts({ [FieldId.company]: `Firma von ${user} ${invitationId}` }),
            [EXISTING_CUSTOMER_BLOCK]: {
              [ActionId.existingCustomer]: { type: "external_select", selected_option: null },
            },
          },
        })
      : viewSubmission({
          user,
          callbackId: CallbackId.declineInvitation,
          privateMetadata,
          viewId: `V_${user}_${invitationId}`,
          values: {
            [PERSONAL_MESSAGE_BLOCK]: {
              [PERSONAL_MESSAGE_ACTION]: { type: "plain_text_input", value: `Gruß von ${user}` },
            },
          },
        });
  };

  it("exactly one wins, the other 19 are told who, and at most one e-mail goes out", async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const email = `race${round}@example.com`;
      const invitation = await seedInvitation(db.prisma, { email, slackTs: `1700000100.00000${round}` });
      const bodies = USERS.map((u, i) => interactionBody(submission(u, i, invitation.id)));
      const started = Date.now();
      const answers = await Promise.all(
        bodies.map(async (body, i) => {
          if (i % 2 === 1) await new Promise((r) => setTimeout(r, CONNECT_HEAD_START_MS[round]));
          const target = processes[i % 2] as AppProcess;
          const res = await postToSlackEndpoint(
            target.baseUrl,
            SECRET,
            body,
            "application/x-www-form-urlencoded",
          );
          return { user: USERS[i] as string, res, ms: Date.now() - started };
        }),
      );
      for (const a of answers) expect(a.res.status).toBe(200);
      // Every answer within Slack's 3 seconds.
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(3_000);

      const finals = await Promise.all(
        answers.map((a) => finalDecisionAnswer(a.res, standin, `V_${a.user}_${invitation.id}`)),
      );
      const winners = answers.filter((_, i) => isWinningAnswer(finals[i] as string));
      expect(winners).toHaveLength(1);
      const winner = winners[0]?.user as string;
      const row = await db.prisma.invitation.findUniqueOrThrow({
        where: { id: invitation.id },
        select: { status: true, decidedBy: true, customerId: true },
      });
      expect(row.decidedBy).toBe(winner);
      const winnerIndex = USERS.indexOf(winner);
      expect(row.status).toBe(winnerIndex % 2 === 0 ? "connected" : "declined");
      outcomes.push(`${row.status} by ${winner}, slowest answer ${Math.max(...answers.map((a) => a.ms))} ms`);

      for (const [i, a] of answers.entries()) {
        if (a.user === winner) continue;
        expect(finals[i]).toContain(`hat <@${winner}> bereits`);
      }

      // Nothing of the losers stayed behind: no customers, no audit entries, no second mail job.
      expect(await db.prisma.customer.count({ where: { company: { endsWith: ` ${invitation.id}` } } })).toBe(
        row.status === "connected" ? 1 : 0,
      );
      expect(
        await db.prisma.auditEntry.count({ where: { entityType: "invitation", entityId: invitation.id } }),
      ).toBe(1);
      const mailJobs = await db.prisma.outboxJob.count({
        where: { kind: "mail.send", dedupeKey: `decline-mail:${invitation.id}` },
      });
      expect(mailJobs).toBe(row.status === "declined" ? 1 : 0);

      // The channel message is updated once the winner's refresh runs.
      await standin.waitFor(
        (s) => s.okCallsOf("chat.update").some((c) => c.args.ts === invitation.slackTs),
        10_000,
        "chat.update of the invitation's message",
      );
      if (row.status === "declined") {
        await until(
          () => smtp.received.some((m) => m.envelope.to.includes(email)),
          10_000,
          "the decline e-mail",
        );
      }
      await settle(1_500);
      expect(smtp.received.filter((m) => m.envelope.to.includes(email))).toHaveLength(
        row.status === "declined" ? 1 : 0,
      );
    }
    console.info(`race rounds: ${outcomes.join("; ")}`);
  }, 120_000);
});
