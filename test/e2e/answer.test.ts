import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ActionId, AnswerBlock } from "../../blocks/ids.ts";
import { customerInput } from "../../domain/customers/customer.schema.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { blockAction } from "../support/interactions.ts";
import { linkableOutsideText } from "../support/outside-text.ts";
import { SlackStandin } from "../support/slack-standin.ts";
import { TestSmtpServer } from "../support/smtp.ts";
import {
  chooseTemplate,
  clickAnswer,
  inputBlockId,
  sendAnswerModal,
  viewOf,
} from "./conversation-support.ts";
import { settle, until } from "./support.ts";

/**
 * Antworten from end to end: signed Slack requests into the running app, the outbox, nodemailer
 * and a real SMTP server on loopback; the thread post and the message refresh at the stand-in.
 */

const ANNA = "U0ANNA0001";
const MAIL_ENV = {
  MAIL_FROM: "kontakt@agentur.example",
  AGENCY_NAME: "Agentur Beispiel",
  MAIL_SIGNATURE: "Maria Muster\nAgentur Beispiel GmbH",
  REPLY_TO: "anfragen@agentur.example",
};

describe.each(dbKinds())("Antworten end to end (%s)", (kind) => {
  let db: TestDatabase;
  let standin: SlackStandin;
  let smtp: TestSmtpServer;
  let app: TestApp | undefined;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    standin = await new SlackStandin({
      members: [ANNA],
      users: [{ id: ANNA, realName: "Anna Acker" }],
    }).start();
  });
  beforeEach(async () => {
    standin.reset();
    smtp = await new TestSmtpServer().start();
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await smtp?.stop();
  });
  afterAll(async () => {
    await standin?.stop();
    await db?.close();
  });

  const start = (port = smtp.port) =>
    startTestApp(db, standin, { ...MAIL_ENV, SMTP_URL: `smtp://127.0.0.1:${port}` });
  const prisma = () => (app ? app.deps.prisma : db.prisma);
  const mailsTo = (address: string) => smtp.received.filter((m) => m.envelope.to.includes(address));
  const templateId = async (name: string) =>
    (await prisma().answerTemplate.findFirstOrThrow({ where: { name }, select: { id: true } })).id;

  it("fills a template into the open modal, sends the mail with the thread's headers, posts it and marks the message", async () => {
    app = await start();
    const inquiry = await seedInquiry(prisma(), {
      name: "Hans <!channel> Müller",
      email: "hans@baeckerei-mueller.de",
      company: "Bäckerei Müller",
      slackTs: "1700000100.000100",
    });
    await prisma().inquiry.update({
      where: { id: inquiry.id },
      data: {
        source: "email",
        externalId: "<anfrage-1@baeckerei-mueller.de>",
        subject: "AW: Website-Relaunch",
      },
    });

    const opened = await clickAnswer(app, standin, { user: ANNA, kind: "inquiry", id: inquiry.id });
    expect(opened.title).toMatchObject({ text: "Antworten" });
    expect(opened.submit).toMatchObject({ text: "Senden" });
    const shown = JSON.stringify(opened.blocks);
    expect(shown).toContain("hans@baeckerei-mueller.de");
    expect(shown).toContain("Vorlage");
    const subjectInput = opened.blocks.find((b) => b.block_id === AnswerBlock.subject) as unknown as {
      element: { initial_value?: string };
      label: { text: string };
    };
    expect(subjectInput.label.text).toBe("Betreff");
    expect(subjectInput.element.initial_value).toBe("Re: Website-Relaunch");
    // The fresh installation's templates are offered.
    const select = opened.blocks.find((b) => b.block_id === AnswerBlock.template) as unknown as {
      element: { options: { text: { text: string } }[] };
    };
    expect(select.element.options.map((o) => o.text.text)).toEqual(["Erstantwort", "Rückfrage"]);

    // Choosing a template updates exactly this view (its hash) with new input block_ids and the filled text.
    await chooseTemplate(app, { user: ANNA, view: opened, templateId: await templateId("Rückfrage") });
    await standin.waitFor((s) => s.okCallsOf("views.update").length >= 1, 5_000, "views.update");
    const update = standin.okCallsOf("views.update")[0];
    expect(update?.args).toMatchObject({ view_id: opened.id, hash: opened.hash });
    const filled = viewOf(update?.response);
    const subjectId = inputBlockId(filled, AnswerBlock.subject);
    const textId = inputBlockId(filled, AnswerBlock.text);
    expect(subjectId).not.toBe(AnswerBlock.subject);
    expect(textId).not.toBe(AnswerBlock.text);
    const textInput = filled.blocks.find((b) => b.block_id === textId) as unknown as {
      element: { initial_value: string };
    };
    expect(textInput.element.initial_value).toContain("Guten Tag Hans <!channel> Müller,");
    expect(textInput.element.initial_value).toContain("Anna Acker\nAgentur Beispiel");
    expect(textInput.element.initial_value).not.toMatch(/\{(name|mitglied|agentur)\}/);

    // A second choice gets new ids again, so that Slack shows its text too.
    await chooseTemplate(app, { user: ANNA, view: filled, templateId: await templateId("Erstantwort") });
    await standin.waitFor((s) => s.okCallsOf("views.update").length >= 2, 5_000, "second views.update");
    const second = viewOf(standin.okCallsOf("views.update")[1]?.response);
    expect(inputBlockId(second, AnswerBlock.text)).not.toBe(textId);

    const written = "Guten Tag,\nwir melden uns morgen. <!here> siehe https://evil.example #allgemein";
    const answer = await sendAnswerModal(app, {
      user: ANNA,
      view: second,
      subject: "Re: Website-Relaunch",
      text: written,
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe("");

    await until(() => mailsTo("hans@baeckerei-mueller.de").length >= 1, 10_000, "the answer mail");
    const [mail] = mailsTo("hans@baeckerei-mueller.de");
    expect(mail?.envelope.from).toBe("kontakt@agentur.example");
    expect(mail?.parsed.from?.value).toEqual([
      { name: "Agentur Beispiel", address: "kontakt@agentur.example" },
    ]);
    expect(mail?.parsed.replyTo?.value).toEqual([{ name: "", address: "anfragen@agentur.example" }]);
    expect(mail?.parsed.subject).toBe("Re: Website-Relaunch");
    expect(mail?.parsed.inReplyTo).toBe("<anfrage-1@baeckerei-mueller.de>");
    expect(mail?.parsed.references).toBe("<anfrage-1@baeckerei-mueller.de>");
    expect(mail?.parsed.text).toContain(written);
    expect(mail?.parsed.text).toContain("Maria Muster\nAgentur Beispiel GmbH");
    expect(String(mail?.parsed.html)).toContain("&lt;!here&gt;");
    // Our own Message-ID, stored with the answer.
    const entries = await prisma().conversationEntry.findMany({ where: { inquiryId: inquiry.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      direction: "outbound",
      author: ANNA,
      address: "hans@baeckerei-mueller.de",
      subject: "Re: Website-Relaunch",
      text: written,
    });
    expect(mail?.parsed.messageId).toBe(entries[0]?.messageId);
    expect(entries[0]?.messageId).toMatch(/^<[0-9a-f-]{36}@agentur\.example>$/);
    await until(
      async () =>
        (await prisma().conversationEntry.findFirstOrThrow({ where: { inquiryId: inquiry.id } }))
          .mailStatus === "sent",
      5_000,
      "mail status sent",
    );

    // The thread: "Antwort an <name> von <@USER>", subject and text as written, nothing that pings or links.
    await standin.waitFor(
      (s) => s.okCallsOf("chat.postMessage").some((c) => c.args.thread_ts === "1700000100.000100"),
      5_000,
      "the answer's thread post",
    );
    const post = standin.okCallsOf("chat.postMessage").find((c) => c.args.thread_ts === "1700000100.000100");
    const blocks = JSON.parse(String(post?.args.blocks));
    expect(JSON.stringify(blocks)).toContain(`*Antwort an Hans &lt;!channel&gt; Müller* von <@${ANNA}>`);
    expect(JSON.stringify(blocks)).toContain("Betreff: Re: Website-Relaunch");
    expect(linkableOutsideText(blocks, ["<!channel>", "<!here>", "evil.example", "#allgemein"])).toEqual([]);
    expect(String(post?.args.text)).not.toContain("<!channel>");

    // The message: "beantwortet von <@USER>" with the time, and still Antworten.
    await standin.waitFor(
      (s) => s.okCallsOf("chat.update").some((c) => c.args.ts === "1700000100.000100"),
      5_000,
      "the message refresh",
    );
    const refreshed = standin.okCallsOf("chat.update").find((c) => c.args.ts === "1700000100.000100");
    expect(String(refreshed?.args.blocks)).toContain(`beantwortet von <@${ANNA}> <!date^`);
    expect(String(refreshed?.args.blocks)).toContain('"Antworten"');
    const row = await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
    expect(row.answeredBy).toBe(ANNA);
    expect(row.firstAnsweredAt).not.toBeNull();
    await settle(500);
    expect(mailsTo("hans@baeckerei-mueller.de")).toHaveLength(1);
  });

  it("the customer card shows the conversation with the notes, newest first", async () => {
    let clock = Date.parse("2026-12-01T09:00:00Z");
    app = await startTestApp(db, standin, { ...MAIL_ENV, SMTP_URL: smtp.url }, () => {
      clock += 60_000;
      return new Date(clock);
    });
    const inquiry = await seedInquiry(prisma(), { email: "karte@kunde.example", name: "Karla Karte" });
    await app.deps.conversation.sendAnswer({
      kind: "inquiry",
      requestId: inquiry.id,
      author: ANNA,
      subject: "Ihre Anfrage",
      text: "Erste Antwort",
    });
    await app.deps.triage.addNote({
      kind: "inquiry",
      requestId: inquiry.id,
      author: ANNA,
      text: "Notiz dazwischen",
    });
    const sent = await prisma().conversationEntry.findFirstOrThrow({ where: { inquiryId: inquiry.id } });
    const reply = await app.deps.conversation.receiveReply({
      messageId: "<karte-reply@kunde.example>",
      inReplyTo: [sent.messageId],
      references: [],
      address: "karte@kunde.example",
      name: "Karla <!channel> Karte",
      subject: "Re: Ihre Anfrage",
      text: "Die Antwort von Karla",
      attachments: [],
    });
    expect(reply).toMatchObject({ status: "reply", created: true });
    const decided = await app.deps.decisions.assignRequest({
      kind: "inquiry",
      requestId: inquiry.id,
      actor: ANNA,
      customer: { newCustomer: customerInput.parse({ company: "Karte GmbH", email: "karte@kunde.example" }) },
    });
    if (decided.status !== "decided") throw new Error(decided.status);
    const customerId = decided.decision.customer?.id;
    await app.interact(blockAction({ user: ANNA, actionId: ActionId.openCustomer, value: customerId }));
    await standin.waitFor(
      (s) =>
        [...s.okCallsOf("views.open"), ...s.okCallsOf("views.update")].some((c) =>
          String(c.args.view).includes("Verlauf"),
        ),
      5_000,
      "the card",
    );
    const card = [...standin.okCallsOf("views.open"), ...standin.okCallsOf("views.update")]
      .map((c) => String(c.args.view))
      .find((v) => v.includes("Verlauf")) as string;
    const order = ["Die Antwort von Karla", "Notiz dazwischen", "Erste Antwort"].map((t) => card.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(card).toContain("*Verlauf* (3)");
    // The prospect's name is shown as written, as plain_text: it cannot ping.
    expect(linkableOutsideText(JSON.parse(card).blocks, ["<!channel>"])).toEqual([]);
  });

  it("refuses a forged submission past the limits under its field and sends nothing", async () => {
    app = await start();
    const invitation = await seedInvitation(prisma(), { email: "forged@example.com" });
    const view = await clickAnswer(app, standin, { user: ANNA, kind: "invitation", id: invitation.id });
    const res = await sendAnswerModal(app, { user: ANNA, view, subject: "Hallo", text: "x".repeat(20_000) });
    const body = JSON.parse(res.text);
    expect(body.response_action).toBe("errors");
    expect(body.errors[AnswerBlock.text]).toMatch(/3000/);
    const empty = JSON.parse(
      (await sendAnswerModal(app, { user: ANNA, view, subject: "  ", text: "Text" })).text,
    );
    expect(Object.keys(empty.errors)).toEqual([AnswerBlock.subject]);
    expect(await prisma().conversationEntry.count({ where: { invitationId: invitation.id } })).toBe(0);
    await settle(500);
    expect(mailsTo("forged@example.com")).toHaveLength(0);
  });

  it("keeps no header that the subject or name tries to add", async () => {
    app = await start();
    const invitation = await seedInvitation(prisma(), {
      name: "Eva\r\nBcc: name@evil.example",
      email: "eva@example.com",
    });
    const view = await clickAnswer(app, standin, { user: ANNA, kind: "invitation", id: invitation.id });
    await sendAnswerModal(app, {
      user: ANNA,
      view,
      subject: "Hallo\r\nBcc: subject@evil.example",
      text: "Text",
    });
    await until(() => smtp.received.length >= 1, 10_000, "the mail");
    expect(smtp.received.flatMap((m) => m.envelope.to)).toEqual(["eva@example.com"]);
    expect(smtp.received[0]?.raw).not.toMatch(/^bcc:/im);
  });

  it("sends the answer once the SMTP server is back, exactly once, also across a restart", async () => {
    const port = smtp.port;
    await smtp.stop();
    app = await start(port);
    const inquiry = await seedInquiry(prisma(), {
      email: "outage@example.com",
      slackTs: "1700000200.000100",
    });
    const view = await clickAnswer(app, standin, { user: ANNA, kind: "inquiry", id: inquiry.id });
    const res = await sendAnswerModal(app, {
      user: ANNA,
      view,
      subject: "Ihre Anfrage",
      text: "Wir melden uns.",
    });
    expect(res.text).toBe("");
    const entry = await prisma().conversationEntry.findFirstOrThrow({ where: { inquiryId: inquiry.id } });
    const job = () =>
      prisma().outboxJob.findUniqueOrThrow({ where: { dedupeKey: `answer-mail:${entry.id}` } });
    await until(async () => (await job()).attempts >= 2, 10_000, "two failed attempts");
    await app.stop();
    app = undefined;
    expect((await job()).status).toBe("pending");
    await smtp.start(port);
    app = await start(port);
    await until(() => mailsTo("outage@example.com").length >= 1, 15_000, "the mail after the restart");
    await until(async () => (await job()).status === "done", 5_000, "job done");
    await app.stop();
    app = await start(port);
    await settle(1_500);
    expect(mailsTo("outage@example.com")).toHaveLength(1);
    expect(mailsTo("outage@example.com")[0]?.parsed.messageId).toBe(entry.messageId);
  });
});
