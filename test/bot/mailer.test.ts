import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "../../bot/mail/mailer.ts";
import { freePort } from "../support/process.ts";
import { TestSmtpServer } from "../support/smtp.ts";

const log = pino({ level: "silent" });
const mail = {
  to: { name: "Eva Schröder", address: "eva@example.com" },
  subject: "Ihre Zugriffsfreigabe für Agentur Beispiel",
  text: "Guten Tag Eva Schröder,\n\nAlles Gute!\n",
  html: "<p>Guten Tag Eva Schröder,</p><p>Alles Gute!</p>",
};

describe("mailer over SMTP", () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
  });
  afterAll(async () => {
    await smtp?.stop();
  });

  it("sends plain text with an HTML alternative, from MAIL_FROM to the prospect", async () => {
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: "Agentur Beispiel <kontakt@agentur.example>",
      agencyName: "x",
      dataDir: "/tmp",
      log,
    });
    const result = await mailer.send(mail);
    mailer.close();
    expect(result.result).toBe("sent");
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0];
    expect(got?.envelope).toEqual({ from: "kontakt@agentur.example", to: ["eva@example.com"] });
    expect(got?.parsed.subject).toBe(mail.subject);
    expect(got?.parsed.text?.trim()).toBe(mail.text.trim());
    expect(got?.parsed.html).toContain("<p>Alles Gute!</p>");
    expect(got?.parsed.from?.value[0]).toMatchObject({
      name: "Agentur Beispiel",
      address: "kontakt@agentur.example",
    });
  });

  it("adds no header through CR/LF in a name, subject or message", async () => {
    smtp.received.length = 0;
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: "a@agentur.example",
      agencyName: "x",
      dataDir: "/tmp",
      log,
    });
    await mailer.send({
      ...mail,
      to: { name: "Eva\r\nBcc: victim@evil.example", address: "eva@example.com" },
      subject: "Hallo\r\nX-Injected: yes",
      text: `Zeile\r\nBcc: other@evil.example\r\n${"x".repeat(5000)}`,
    });
    mailer.close();
    const got = smtp.received[0];
    expect(got?.envelope.to).toEqual(["eva@example.com"]);
    expect(got?.parsed.headers.has("bcc")).toBe(false);
    expect(got?.parsed.headers.has("x-injected")).toBe(false);
    const headerPart = got?.raw.split(/\r?\n\r?\n/)[0] ?? "";
    expect(headerPart).not.toMatch(/^Bcc:/im);
    expect(headerPart).not.toMatch(/^X-Injected:/im);
    for (const line of (got?.raw ?? "").split(/\r?\n/)) expect(line.length).toBeLessThanOrEqual(998);
  });

  it("drops bidi controls and zero-width characters from the To name and the subject", async () => {
    smtp.received.length = 0;
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: "a@agentur.example",
      agencyName: "x",
      dataDir: "/tmp",
      log,
    });
    await mailer.send({
      ...mail,
      to: { name: "Eva\u202E Schröder\u200B\u2066", address: "eva@example.com" },
      subject: "Ihre\u200F Zugriffsfreigabe\uFEFF",
    });
    mailer.close();
    const got = smtp.received[0];
    expect(got?.parsed.to).toMatchObject({ value: [{ name: "Eva Schröder", address: "eva@example.com" }] });
    expect(got?.parsed.subject).toBe("Ihre Zugriffsfreigabe");
  });

  it("tells a permanent refusal (5xx) from a temporary one (4xx) and an outage", async () => {
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: "a@agentur.example",
      agencyName: "x",
      dataDir: "/tmp",
      log,
    });
    smtp.refuse.set("unknown@example.com", 550);
    smtp.refuse.set("busy@example.com", 451);
    expect(await mailer.send({ ...mail, to: { name: "U", address: "unknown@example.com" } })).toMatchObject({
      result: "refused",
    });
    expect(await mailer.send({ ...mail, to: { name: "B", address: "busy@example.com" } })).toMatchObject({
      result: "retry",
    });
    mailer.close();
    const down = createMailer({
      smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
      from: "a@b.de",
      agencyName: "x",
      dataDir: "/tmp",
      log,
    });
    expect(await down.send(mail)).toMatchObject({ result: "retry" });
    down.close();
  });
});

describe("mailer without SMTP_URL", () => {
  it("writes each mail as an .eml file under DATA_DIR/mail", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-mail-"));
    const mailer = createMailer({
      smtpUrl: undefined,
      from: undefined,
      agencyName: "Agentur Beispiel",
      dataDir,
      log,
    });
    const result = await mailer.send(mail);
    expect(result).toMatchObject({ result: "sent", file: expect.stringMatching(/\.eml$/) });
    const files = await readdir(path.join(dataDir, "mail"));
    expect(files).toHaveLength(1);
    const eml = await readFile(path.join(dataDir, "mail", files[0] ?? ""), "utf8");
    expect(eml).toContain("To: =?UTF-8?Q?Eva_Schr=C3=B6der?= <eva@example.com>");
    expect(eml).toContain("From: Agentur Beispiel <kundenbot@localhost>");
    expect(eml).toContain("multipart/alternative");
    // Readable by the bot's user only, whatever the umask of the process (here the test runner's).
    expect((await stat(path.join(dataDir, "mail"))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(dataDir, "mail", files[0] ?? ""))).mode & 0o777).toBe(0o600);
    await rm(dataDir, { recursive: true, force: true });
  });
});
