import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { type Dovecot, hasDovecot, startDovecot } from "../support/dovecot.ts";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { linkableOutsideText } from "../support/outside-text.ts";
import { SlackStandin } from "../support/slack-standin.ts";
import { TestSmtpServer } from "../support/smtp.ts";
import { clickAnswer, sendAnswerModal } from "./conversation-support.ts";
import { declineThroughSlack, settle, until } from "./support.ts";

/**
 * The prospect's replies come back: an answer goes out through a real SMTP server, the reply lands
 * in a real Dovecot, the running app's mailbox watcher (IDLE) reads it and posts it in the
 * request's thread instead of making a new inquiry.
 */

const ANNA = "U0ANNA0001";
const FAST = { leaseMs: 3_000, renewMs: 500, pollMs: 60_000, backoffMaxMs: 1_000 };
/** The contract's bound for IDLE: from the reply landing in the mailbox to its post in the thread. */
const IDLE_BOUND_MS = 5_000;

function replyMail(input: {
  from: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string;
  text: string;
  attachment?: string;
}): string {
  const head = [
    `From: ${input.from}`,
    "To: anfragen@agentur.example",
    `Subject: ${input.subject}`,
    `Message-ID: ${input.messageId}`,
    ...(input.inReplyTo ? [`In-Reply-To: ${input.inReplyTo}`] : []),
    ...(input.references ? [`References: ${input.references}`] : []),
    "Date: Mon, 07 Dec 2026 10:00:00 +0100",
    "MIME-Version: 1.0",
  ];
  if (!input.attachment) {
    return [
      ...head,
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      input.text,
      "",
    ].join("\n");
  }
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    input.text,
    "--b1",
    `Content-Type: application/pdf; name="${input.attachment}"`,
    `Content-Disposition: attachment; filename="${input.attachment}"`,
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from("%PDF-1.4 test").toString("base64"),
    "--b1--",
    "",
  ].join("\n");
}

describe.skipIf(!hasDovecot)("replies from the mailbox (Dovecot)", () => {
  let db: TestDatabase;
  let standin: SlackStandin;
  let smtp: TestSmtpServer;
  let imap: Dovecot;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    standin = await new SlackStandin({
      members: [ANNA],
      users: [{ id: ANNA, realName: "Anna Acker" }],
    }).start();
    smtp = await new TestSmtpServer().start();
    imap = await startDovecot();
    app = await startTestApp(
      db,
      standin,
      {
        IMAP_URL: imap.url(),
        MAIL_FROM: "kontakt@agentur.example",
        REPLY_TO: "anfragen@agentur.example",
        AGENCY_NAME: "Agentur Beispiel",
        SMTP_URL: smtp.url,
        SLACK_POSTS_PER_SECOND: "20",
      },
      undefined,
      { mailIntake: FAST },
    );
    await until(() => app.deps.mailIntake?.status().state === "connected", 15_000, "the mailbox watcher");
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await imap?.close();
    await smtp?.stop();
    await standin?.stop();
    await db?.close();
  });

  const prisma = () => app.deps.prisma;
  const threadPosts = (ts: string) =>
    standin.okCallsOf("chat.postMessage").filter((c) => c.args.thread_ts === ts);
  const sentTo = (address: string) => smtp.received.filter((m) => m.envelope.to.includes(address));

  /** A mailed inquiry, answered through Slack; returns the answer's Message-ID as the prospect got it. */
  async function answeredInquiry(tag: string) {
    const email = `${tag}@kunde.example`;
    const slackTs = `1700001000.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
    const inquiry = await seedInquiry(prisma(), { name: `Kunde ${tag}`, email, slackTs });
    await prisma().inquiry.update({
      where: { id: inquiry.id },
      data: { source: "email", externalId: `<${tag}-anfrage@kunde.example>`, subject: `Angebot ${tag}` },
    });
    const view = await clickAnswer(app, standin, { user: ANNA, kind: "inquiry", id: inquiry.id });
    await sendAnswerModal(app, {
      user: ANNA,
      view,
      subject: `Re: Angebot ${tag}`,
      text: "Gern, wann passt es Ihnen?",
    });
    await until(() => sentTo(email).length >= 1, 10_000, "the answer at the SMTP server");
    const messageId = sentTo(email)[0]?.parsed.messageId ?? "";
    expect(messageId).toMatch(/@agentur\.example>$/);
    return { inquiry, email, slackTs, messageId };
  }

  it("a reply naming the answer in In-Reply-To is posted in the thread within 5 s, stored, marked, and is no inquiry", async () => {
    const { inquiry, email, slackTs, messageId } = await answeredInquiry("lena");
    await standin.waitFor((s) => threadPosts(slackTs).length >= 1, 5_000, "the answer's thread post");
    const inquiriesBefore = await prisma().inquiry.count();

    const text = "Dienstag um 10 Uhr passt gut. <!channel> https://evil.example";
    const landed = Date.now();
    await imap.append(
      replyMail({
        from: `Lena Vogel <${email}>`,
        subject: "AW: Re: Angebot lena",
        messageId: "<reply-lena-1@kunde.example>",
        inReplyTo: messageId,
        references: `<lena-anfrage@kunde.example> ${messageId}`,
        text: `${text}\n\n-- \nLena Vogel\nVogel GmbH\n\nAm 07.12.2026 schrieb Agentur Beispiel:\n> Gern, wann passt es Ihnen?`,
        attachment: "grundriss.pdf",
      }),
    );
    await standin.waitFor((s) => threadPosts(slackTs).length >= 2, 10_000, "the reply's thread post");
    const took = Date.now() - landed;
    console.log(`reply in Dovecot → thread post: ${took} ms (IDLE; bound ${IDLE_BOUND_MS} ms)`);
    expect(took).toBeLessThanOrEqual(IDLE_BOUND_MS);

    const post = threadPosts(slackTs)[1];
    const blocks = JSON.parse(String(post?.args.blocks));
    const shown = JSON.stringify(blocks);
    expect(shown).toContain("*Antwort von Lena Vogel*");
    expect(shown).toContain("Dienstag um 10 Uhr passt gut.");
    expect(shown).toContain("grundriss.pdf");
    // Without quoted history and signature.
    expect(shown).not.toContain("Gern, wann passt es Ihnen?");
    expect(shown).not.toContain("Vogel GmbH");
    expect(linkableOutsideText(blocks, ["<!channel>", "evil.example"])).toEqual([]);

    const entries = await prisma().conversationEntry.findMany({
      where: { inquiryId: inquiry.id, direction: "inbound" },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      address: email,
      attachments: ["grundriss.pdf"],
      messageId: "<reply-lena-1@kunde.example>",
    });
    expect(entries[0]?.text).toBe(text);
    expect(await prisma().inquiry.count()).toBe(inquiriesBefore);
    await until(
      async () => (await imap.list("kundenbot")).includes("<reply-lena-1@kunde.example>"),
      5_000,
      "moved",
    );
    await standin.waitFor(
      (s) =>
        s
          .okCallsOf("chat.update")
          .some((c) => c.args.ts === slackTs && String(c.args.blocks).includes("Antwort erhalten")),
      5_000,
      "Antwort erhalten on the message",
    );

    // The same mail again (same Message-ID): nothing twice.
    await imap.append(
      replyMail({
        from: email,
        subject: "AW: Re: Angebot lena",
        messageId: "<reply-lena-1@kunde.example>",
        inReplyTo: messageId,
        text,
      }),
    );
    await until(async () => (await imap.list("INBOX")).length === 0, 10_000, "the INBOX emptied");
    await settle(1_000);
    expect(threadPosts(slackTs)).toHaveLength(2);
    expect(
      await prisma().conversationEntry.count({ where: { inquiryId: inquiry.id, direction: "inbound" } }),
    ).toBe(1);
  });

  it("a reply without thread headers is matched by address and subject (reply prefixes removed)", async () => {
    const { inquiry, email, slackTs } = await answeredInquiry("max");
    await imap.append(
      replyMail({
        from: `Max <${email.toUpperCase()}>`,
        subject: "Aw: RE: re:  Angebot max",
        messageId: "<reply-max@kunde.example>",
        text: "Passt.",
      }),
    );
    await standin.waitFor(
      (s) => threadPosts(slackTs).some((c) => String(c.args.blocks).includes("Antwort von")),
      10_000,
      "the reply matched by subject",
    );
    expect(
      await prisma().conversationEntry.count({ where: { inquiryId: inquiry.id, direction: "inbound" } }),
    ).toBe(1);
  });

  it("a Re: mail that answers nothing kundenbot sent is a new inquiry", async () => {
    const before = await prisma().inquiry.count();
    await imap.append(
      replyMail({
        from: "Fremd <fremd@anderswo.example>",
        subject: "Re: Angebot lena",
        messageId: "<fremd-1@anderswo.example>",
        inReplyTo: "<unbekannt@anderswo.example>",
        text: "Name: Frieda Fremd\nNachricht: Wir möchten auch ein Angebot.",
      }),
    );
    await until(async () => (await prisma().inquiry.count()) === before + 1, 10_000, "a new inquiry");
    const stored = await prisma().inquiry.findFirstOrThrow({
      where: { externalId: "<fremd-1@anderswo.example>" },
    });
    expect(stored.email).toBe("fremd@anderswo.example");
    expect(
      await prisma().conversationEntry.count({ where: { messageId: "<fremd-1@anderswo.example>" } }),
    ).toBe(0);
  });

  it("a reply to a decline e-mail comes back into the invitation's thread", async () => {
    const invitation = await seedInvitation(prisma(), {
      email: "eva@kunde.example",
      slackTs: "1700002000.000100",
    });
    await declineThroughSlack(app, standin, { invitationId: invitation.id, user: ANNA, message: null });
    await until(() => sentTo("eva@kunde.example").length >= 1, 10_000, "the decline mail");
    const declineId = sentTo("eva@kunde.example")[0]?.parsed.messageId ?? "";
    expect(declineId).not.toBe("");
    await imap.append(
      replyMail({
        from: "eva@kunde.example",
        subject: "Warum?",
        messageId: "<eva-warum@kunde.example>",
        inReplyTo: declineId,
        text: "Schade. Warum?",
      }),
    );
    await standin.waitFor(
      (s) => threadPosts("1700002000.000100").some((c) => String(c.args.blocks).includes("Schade. Warum?")),
      10_000,
      "the reply in the invitation's thread",
    );
  });

  it("/metrics has the time to the first answer and the replies received", async () => {
    const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
    const firstAnswers = Number(
      /^kundenbot_first_answer_seconds_count\{kind="inquiry"\} (\d+)/m.exec(text)?.[1],
    );
    // lena and max were answered once each (the decline mail is no answer).
    expect(firstAnswers).toBe(2);
    // Seeded requests arrived on 2026-11-20: their first answer came days later, past the 72 h bucket.
    expect(text).toMatch(/^kundenbot_first_answer_seconds_bucket\{le="259200",kind="inquiry"\} 0$/m);
    // lena's reply (once, though it landed twice), max's and eva's.
    expect(text).toMatch(/^kundenbot_replies_received_total 3$/m);
  });
});
