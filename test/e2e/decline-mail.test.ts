import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ActionId } from "../../blocks/ids.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { seedInvitation } from "../support/fixtures.ts";
import { invitationBody, postIntake } from "../support/intake.ts";
import { SlackStandin } from "../support/slack-standin.ts";
import { TestSmtpServer } from "../support/smtp.ts";
import { clickInvitationButton, declineThroughSlack, settle, until } from "./support.ts";

/**
 * Einladung ablehnen from end to end: signed Slack requests into the running app, the outbox
 * worker, nodemailer, and a real SMTP server on loopback. Nothing is mocked.
 */

const MAIL_ENV = {
  MAIL_FROM: "Agentur Beispiel <kontakt@agentur.example>",
  AGENCY_NAME: "Agentur Beispiel",
  MAIL_SIGNATURE: "Maria Muster\nAgentur Beispiel GmbH",
};
const STANDARD_TEXT = "Leider können wir Ihre Anfrage derzeit nicht übernehmen.";
const SUBJECT = "Ihre Zugriffsfreigabe für Agentur Beispiel";

type Blocks = { type: string; elements?: { action_id?: string }[]; text?: { text: string } }[];
const actionIds = (blocks: Blocks) => blocks.flatMap((b) => b.elements ?? []).map((e) => e.action_id);

describe.each(dbKinds())("decline e-mail end to end (%s)", (kind) => {
  let db: TestDatabase;
  let standin: SlackStandin;
  let smtp: TestSmtpServer;
  let app: TestApp | undefined;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    standin = await new SlackStandin({ members: ["U0ANNA0001", "U0BEN00001"] }).start();
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

  const start = (smtpPort = smtp.port) =>
    startTestApp(db, standin, { ...MAIL_ENV, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
  const invitationRow = (id: string) =>
    db.prisma.invitation.findUniqueOrThrow({
      where: { id },
      select: { status: true, decidedBy: true, declineMailStatus: true, declineMailError: true },
    });
  const mailJob = (id: string) =>
    db.prisma.outboxJob.findUniqueOrThrow({
      where: { dedupeKey: `decline-mail:${id}` },
      select: { status: true, attempts: true, runAt: true, lastError: true },
    });
  const mailsTo = (address: string) => smtp.received.filter((m) => m.envelope.to.includes(address));

  it("sends exactly one mail with the standard text and the personal message, and updates the message", async () => {
    app = await start();
    const invitation = await seedInvitation(db.prisma, { name: "Eva Schröder", email: "eva@example.com" });
    const personal = "Vielen Dank für Ihr Vertrauen!\nVielleicht klappt es im nächsten Jahr <3 & mehr.";
    const { view, answer } = await declineThroughSlack(app, standin, {
      invitationId: invitation.id,
      user: "U0ANNA0001",
      message: personal,
      messageTs: invitation.slackTs,
    });
    // The modal showed the standard e-mail before anything was sent.
    expect(JSON.stringify(view.blocks)).toContain(STANDARD_TEXT);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe("");

    await until(() => smtp.received.length >= 1, 10_000, "the decline e-mail");
    await until(
      async () => (await invitationRow(invitation.id)).declineMailStatus === "sent",
      5_000,
      "mail status sent",
    );
    const [mail] = smtp.received;
    expect(mail?.envelope).toEqual({ from: "kontakt@agentur.example", to: ["eva@example.com"] });
    expect(mail?.parsed.from?.value).toEqual([
      { name: "Agentur Beispiel", address: "kontakt@agentur.example" },
    ]);
    expect(mail?.parsed.to && !Array.isArray(mail.parsed.to) && mail.parsed.to.value).toEqual([
      { name: "Eva Schröder", address: "eva@example.com" },
    ]);
    expect(mail?.parsed.subject).toBe(SUBJECT);
    const text = mail?.parsed.text ?? "";
    expect(text).toContain("Guten Tag Eva Schröder,");
    expect(text).toContain(STANDARD_TEXT);
    expect(text).toContain(personal);
    expect(text).toContain("Maria Muster\nAgentur Beispiel GmbH");
    // The HTML alternative has the same message, escaped.
    expect(mail?.raw).toMatch(/multipart\/alternative/i);
    const html = String(mail?.parsed.html);
    expect(html).toContain("Vielleicht klappt es im nächsten Jahr &lt;3 &amp; mehr.");
    expect(html).not.toContain("<3 &");

    // The channel message now says who declined, and has no decision buttons.
    await standin.waitFor((s) => s.okCallsOf("chat.update").length >= 1, 5_000, "chat.update");
    const update = standin.okCallsOf("chat.update").at(-1);
    expect(update?.args).toMatchObject({ channel: invitation.slackChannel, ts: invitation.slackTs });
    const blocks = JSON.parse(String(update?.args.blocks)) as Blocks;
    expect(JSON.stringify(blocks)).toContain("*Einladung abgelehnt* von <@U0ANNA0001>");
    expect(actionIds(blocks)).not.toContain(ActionId.assignRequestInvitation);
    expect(actionIds(blocks)).not.toContain(ActionId.declineInvitation);
    expect(String(update?.args.text)).toContain("Einladung abgelehnt");
    expect(await invitationRow(invitation.id)).toMatchObject({ status: "declined", decidedBy: "U0ANNA0001" });

    // Exactly one: nothing follows, also not from a second click on the old button.
    const again = await clickInvitationButton(app, standin, {
      actionId: ActionId.declineInvitation,
      invitationId: invitation.id,
      user: "U0BEN00001",
    });
    expect(again.title.text).toBe("Bereits entschieden");
    await settle(1_500);
    expect(smtp.received).toHaveLength(1);
  });

  it("declines at once while the SMTP server is down, and sends once it is back", async () => {
    const port = smtp.port;
    await smtp.stop();
    app = await start(port);
    const invitation = await seedInvitation(db.prisma, { email: "down@example.com" });
    const { answer } = await declineThroughSlack(app, standin, {
      invitationId: invitation.id,
      user: "U0ANNA0001",
      message: "Gruß",
    });
    expect(answer.text).toBe("");
    // Recorded at once, before any mail could go out.
    expect(await invitationRow(invitation.id)).toMatchObject({
      status: "declined",
      declineMailStatus: "queued",
    });
    await until(async () => (await mailJob(invitation.id)).attempts >= 2, 10_000, "two failed attempts");
    expect((await mailJob(invitation.id)).lastError).toMatch(/ECONNREFUSED/);
    await smtp.start(port);
    await until(() => mailsTo("down@example.com").length >= 1, 15_000, "the mail after the outage");
    await until(async () => (await mailJob(invitation.id)).status === "done", 5_000, "job done");
    await settle(1_500);
    expect(mailsTo("down@example.com")).toHaveLength(1);
    expect((await invitationRow(invitation.id)).declineMailStatus).toBe("sent");
  });

  it("keeps the mail across a restart of the bot and sends it exactly once after it", async () => {
    const port = smtp.port;
    await smtp.stop();
    app = await start(port);
    const invitation = await seedInvitation(db.prisma, { email: "restart@example.com" });
    await declineThroughSlack(app, standin, {
      invitationId: invitation.id,
      user: "U0ANNA0001",
      message: null,
    });
    expect((await invitationRow(invitation.id)).status).toBe("declined");
    // Let the backoff grow past what the rest of the test waits, so only the restart can explain delivery.
    // After the 4th failure the next try is 6.4–9.6 s away (8 s ± 20 %): far more than a restart takes.
    await until(async () => (await mailJob(invitation.id)).attempts >= 4, 20_000, "four failed attempts");
    await app.stop();
    app = undefined;
    const waiting = await mailJob(invitation.id);
    expect(waiting.status).toBe("pending");
    const backoffLeft = waiting.runAt.getTime() - Date.now();
    expect(backoffLeft).toBeGreaterThan(4_000);

    await smtp.start(port);
    const restartedAt = Date.now();
    app = await start(port);
    await until(() => mailsTo("restart@example.com").length >= 1, 10_000, "the mail after the restart");
    // Sent at the start, not when the old backoff ran out.
    expect(Date.now() - restartedAt).toBeLessThan(backoffLeft);
    await until(async () => (await mailJob(invitation.id)).status === "done", 5_000, "job done");
    await settle(1_500);
    expect(mailsTo("restart@example.com")).toHaveLength(1);
    expect((await invitationRow(invitation.id)).declineMailStatus).toBe("sent");
    // A further restart sends nothing again.
    await app.stop();
    app = await start(port);
    await settle(1_500);
    expect(mailsTo("restart@example.com")).toHaveLength(1);
  });

  it("records a permanent refusal, tells the team in the thread and on the App Home", async () => {
    app = await start();
    const invitation = await seedInvitation(db.prisma, {
      name: "Nina <!channel> Niemand",
      email: "nobody@example.com",
    });
    smtp.refuse.set("nobody@example.com", 550);
    await declineThroughSlack(app, standin, {
      invitationId: invitation.id,
      user: "U0ANNA0001",
      message: "Hallo",
    });

    await standin.waitFor(
      (s) => s.okCallsOf("chat.postMessage").some((c) => c.args.thread_ts === invitation.slackTs),
      10_000,
      "the notice in the thread",
    );
    const notice = standin.okCallsOf("chat.postMessage").find((c) => c.args.thread_ts === invitation.slackTs);
    expect(notice?.args.channel).toBe(invitation.slackChannel);
    const noticeText = String(notice?.args.text);
    expect(noticeText).toContain("nobody@example.com");
    expect(noticeText).toContain("550");
    expect(noticeText).toContain("endgültig abgelehnt");
    // Outside text cannot ping in the notice.
    expect(noticeText).not.toContain("<!channel>");

    const row = await invitationRow(invitation.id);
    expect(row).toMatchObject({ status: "declined", declineMailStatus: "failed" });
    expect(row.declineMailError).toMatch(/550/);
    expect((await mailJob(invitation.id)).status).toBe("failed");
    expect(smtp.received).toHaveLength(0);

    // The App Home lists it: name, e-mail and reason, outside text only as plain_text.
    await app.event({ type: "app_home_opened", user: "U0BEN00001", channel: "D1", tab: "home" });
    await standin.waitFor(
      (s) => s.okCallsOf("views.publish").some((c) => c.args.user_id === "U0BEN00001"),
      5_000,
      "views.publish",
    );
    const publish = standin.okCallsOf("views.publish").find((c) => c.args.user_id === "U0BEN00001");
    const home = JSON.parse(String(publish?.args.view)) as { blocks: Blocks };
    const section = home.blocks.filter((b) => JSON.stringify(b).includes("nobody@example.com"));
    expect(section).toHaveLength(1);
    expect(section[0]?.text).toMatchObject({ type: "plain_text" });
    expect(section[0]?.text?.text).toContain("Nina <!channel> Niemand");
    expect(section[0]?.text?.text).toMatch(/550/);
    expect(JSON.stringify(home.blocks)).toContain("Absage-E-Mails");
  });

  it("adds no header through CR/LF and header-like text in the name, the message or the agency", async () => {
    app = await startTestApp(db, standin, {
      ...MAIL_ENV,
      AGENCY_NAME: "Agentur\r\nBcc: agency@evil.example",
      SMTP_URL: smtp.url,
    });
    // The name comes in through the intake API, as from the partner portal.
    const intake = await postIntake(
      app.baseUrl,
      "invitations",
      invitationBody({
        name: "Eva\r\nBcc: name@evil.example\r\nX-Injected: yes",
        email: "eva.inject@example.com",
      }),
    );
    expect(intake.status).toBe(201);
    const id = String(intake.body.id);
    await until(
      async () =>
        (await db.prisma.invitation.findUniqueOrThrow({ where: { id }, select: { slackTs: true } }))
          .slackTs !== null,
      10_000,
      "the invitation's channel post",
    );
    await declineThroughSlack(app, standin, {
      invitationId: id,
      user: "U0ANNA0001",
      message: "Hallo\r\nBcc: message@evil.example\r\nSubject: gehackt\r\n\r\n<b>fett</b>",
    });
    await until(() => smtp.received.length >= 1, 10_000, "the mail");
    await settle(500);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.envelope.to).toEqual(["eva.inject@example.com"]);
    const headers = mail?.parsed.headers;
    expect(headers?.has("bcc")).toBe(false);
    expect(headers?.has("x-injected")).toBe(false);
    expect(mail?.parsed.subject).not.toContain("gehackt");
    const headerPart = mail?.raw.split(/\r?\n\r?\n/)[0] ?? "";
    expect(headerPart).not.toMatch(/^(Bcc|X-Injected):/im);
    // Only the headers nodemailer writes itself; the injected text stays inside the To name and Subject.
    const names = headerPart
      .split(/\r?\n/)
      .filter((l) => /^\S/.test(l))
      .map((l) => l.split(":")[0]?.toLowerCase());
    expect(names.sort()).toEqual([
      "content-type",
      "date",
      "from",
      "message-id",
      "mime-version",
      // REPLY_TO, by default MAIL_FROM: a reply to the decline comes back into the thread.
      "reply-to",
      "subject",
      "to",
    ]);
    expect(mail?.parsed.to && !Array.isArray(mail.parsed.to) && mail.parsed.to.value).toHaveLength(1);
    for (const line of (mail?.raw ?? "").split(/\r?\n/)) expect(line.length).toBeLessThanOrEqual(998);
    // The text is still there, verbatim in the body, escaped in the HTML part.
    expect(mail?.parsed.text).toContain("Bcc: message@evil.example");
    expect(String(mail?.parsed.html)).toContain("&lt;b&gt;fett&lt;/b&gt;");
  });
});

describe("decline e-mail without SMTP_URL", () => {
  it("writes one .eml file under DATA_DIR/mail", async () => {
    const { mkdtemp, readdir, readFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const db = await createTestDatabase();
    const standin = await new SlackStandin({ members: ["U0ANNA0001"] }).start();
    const dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-eml-"));
    const app = await startTestApp(db, standin, { DATA_DIR: dataDir, AGENCY_NAME: "Agentur Beispiel" });
    try {
      const invitation = await seedInvitation(app.deps.prisma, { email: "eml@example.com" });
      await declineThroughSlack(app, standin, {
        invitationId: invitation.id,
        user: "U0ANNA0001",
        message: "Persönlich",
      });
      const dir = path.join(dataDir, "mail");
      await until(async () => (await readdir(dir).catch(() => [])).length > 0, 10_000, "the .eml file");
      await settle(500);
      const files = await readdir(dir);
      expect(files).toHaveLength(1);
      const eml = await readFile(path.join(dir, files[0] ?? ""), "utf8");
      expect(eml).toMatch(/^To: .*<eml@example\.com>$/m);
      expect(eml).toContain("multipart/alternative");
      expect(app.logs.some((l) => l.includes("e-mail written to a file"))).toBe(true);
    } finally {
      await app.stop();
      await standin.stop();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
