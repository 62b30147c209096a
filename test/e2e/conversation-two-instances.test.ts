import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { type Dovecot, hasDovecot, startDovecot } from "../support/dovecot.ts";
import { seedInquiry } from "../support/fixtures.ts";
import { SlackStandin } from "../support/slack-standin.ts";
import { TestSmtpServer } from "../support/smtp.ts";
import { clickAnswer, sendAnswerModal } from "./conversation-support.ts";
import { settle, until } from "./support.ts";

/**
 * Two instances of the bot on one PostgreSQL, one SMTP server and one mailbox: every answer is
 * mailed and posted once, whichever instance took the click and the submission; every reply is
 * posted once, also when both instances are handed the same mail at the same moment.
 */

const ANNA = "U0ANNA0001";
const FAST = { leaseMs: 3_000, renewMs: 500, pollMs: 60_000, backoffMaxMs: 1_000 };

describe.skipIf(!hasDovecot || !dbKinds().includes("postgresql"))("conversation with two instances", () => {
  let db: TestDatabase;
  let standin: SlackStandin;
  let smtp: TestSmtpServer;
  let imap: Dovecot;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    db = await createTestDatabase("postgresql");
    standin = await new SlackStandin({ members: [ANNA] }).start();
    smtp = await new TestSmtpServer().start();
    imap = await startDovecot();
    const env = {
      IMAP_URL: imap.url(),
      MAIL_FROM: "kontakt@agentur.example",
      SMTP_URL: smtp.url,
      SLACK_POSTS_PER_SECOND: "20",
    };
    for (let i = 0; i < 2; i++)
      apps.push(await startTestApp(db, standin, env, undefined, { mailIntake: FAST }));
  }, 60_000);
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await imap?.close();
    await smtp?.stop();
    await standin?.stop();
    await db?.close();
  });

  const [a, b] = [() => apps[0] as TestApp, () => apps[1] as TestApp];
  const answerPosts = () =>
    standin.okCallsOf("chat.postMessage").filter((c) => String(c.args.blocks).includes("*Antwort an "));
  const replyPosts = () =>
    standin.okCallsOf("chat.postMessage").filter((c) => String(c.args.blocks).includes("*Antwort von "));

  it("sends and posts each answer exactly once", async () => {
    const n = 8;
    for (let i = 0; i < n; i++) {
      const inquiry = await seedInquiry(db.prisma, {
        email: `zwei-${i}@kunde.example`,
        slackTs: `1700003000.00010${i}`,
      });
      // The click reaches one instance, the submission the other.
      const [clicked, submitted] = i % 2 ? [a(), b()] : [b(), a()];
      const view = await clickAnswer(clicked, standin, { user: ANNA, kind: "inquiry", id: inquiry.id });
      await sendAnswerModal(submitted, { user: ANNA, view, subject: `Angebot ${i}`, text: `Antwort ${i}` });
    }
    await until(() => smtp.received.length >= n, 20_000, `${n} mails`);
    await standin.waitFor(() => answerPosts().length >= n, 20_000, `${n} thread posts`);
    await settle(2_000);
    expect(smtp.received).toHaveLength(n);
    expect(new Set(smtp.received.map((m) => m.parsed.messageId)).size).toBe(n);
    expect(answerPosts()).toHaveLength(n);
  });

  it("posts each reply exactly once: from the mailbox, and when both instances get the same mail at once", async () => {
    const sent = await db.prisma.conversationEntry.findMany({
      where: { direction: "outbound" },
      orderBy: { createdAt: "asc" },
      select: { messageId: true, address: true, subject: true },
    });
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const [i, s] of sent.slice(0, 3).entries()) {
      const raw = [
        `From: ${s.address}`,
        `Subject: Re: ${s.subject}`,
        `Message-ID: <zwei-reply-${i}@kunde.example>`,
        `In-Reply-To: ${s.messageId}`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        `Antwort ${i} zurück`,
        "",
      ].join("\n");
      // Each reply lands twice (a mail client that sent it twice): one post.
      await imap.append(raw);
      await imap.append(raw);
    }
    await standin.waitFor(() => replyPosts().length >= 3, 15_000, "3 reply posts");

    const last = sent[3] as (typeof sent)[number];
    const mail = {
      messageId: "<zwei-race@kunde.example>",
      inReplyTo: [last.messageId],
      references: [],
      address: last.address,
      name: "Kunde",
      subject: `Re: ${last.subject}`,
      text: "Gleichzeitig",
      attachments: [],
    };
    const results = await Promise.all([
      a().deps.conversation.receiveReply(mail),
      b().deps.conversation.receiveReply(mail),
    ]);
    expect(results.map((r) => r.status)).toEqual(["reply", "reply"]);
    expect(results.filter((r) => r.status === "reply" && r.created)).toHaveLength(1);
    await standin.waitFor(() => replyPosts().length >= 4, 10_000, "the raced reply's post");
    await settle(2_000);
    expect(replyPosts()).toHaveLength(4);
    expect(await db.prisma.conversationEntry.count({ where: { direction: "inbound" } })).toBe(4);
  });
});
