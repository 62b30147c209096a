import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "../../bot/mail/mailer.ts";
import { mailJobHandlers } from "../../bot/outbox/mail-jobs.ts";
import { jobs } from "../../domain/outbox/jobs.ts";
import type { ClaimedJob } from "../../domain/outbox/outbox-repository.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { TestSmtpServer } from "../support/smtp.ts";

const SEND_MAIL_JOB = jobs.sendMail.kind;

describe("mail.send job", () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtpServer().start();
  });
  afterAll(async () => {
    await smtp?.stop();
    await db?.close();
  });

  it("counts a mail that went out as done, even when its status cannot be recorded (no second send)", async () => {
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: "a@agentur.example",
      agencyName: "x",
      dataDir: "/tmp",
      log: pino({ level: "silent" }),
    });
    const handler = mailJobHandlers({ mailer, db: db.prisma })[SEND_MAIL_JOB];
    // An invitation id with no row: recording the status fails with a real database error.
    const job: ClaimedJob = {
      id: 1n,
      kind: SEND_MAIL_JOB,
      lane: "mail",
      attempts: 1,
      payload: {
        to: { name: "Eva", address: "eva@example.com" },
        subject: "Betreff",
        text: "Text",
        html: "<p>Text</p>",
        invitationId: randomUUID(),
      },
    };
    const outcome = await handler?.(job);
    mailer.close();
    expect(outcome).toEqual({ type: "done" });
    expect(smtp.received).toHaveLength(1);
  });
});
