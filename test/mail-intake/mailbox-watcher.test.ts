import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { type Dovecot, hasDovecot, startDovecot } from "../support/dovecot.ts";
import { nthView } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import {
  contactFormMail,
  fixture,
  fixtureNames,
  IGNORED_FIXTURES,
  logLinesWith,
  messageIdOf,
  postsWith,
  waitUntil,
} from "./support.ts";

// Against a real Dovecot on loopback; the mails go in with IMAP APPEND, the app reads them as in production.
const OWN = "Agentur Beispiel <kontakt@agentur-beispiel.de>";
const FAST = { leaseMs: 3_000, renewMs: 500, pollMs: 60_000, backoffMaxMs: 1_000 };

describe.skipIf(!hasDovecot)("e-mail intake against Dovecot", () => {
  const t = useTestApp({ start: false });
  let imap: Dovecot;
  let app: TestApp;

  beforeAll(async () => {
    imap = await startDovecot();
    // Mails already in the mailbox at start are read too.
    for (const name of fixtureNames()) await imap.append(fixture(name));
    app = await startTestApp(
      t.db,
      t.standin,
      { IMAP_URL: imap.url(), MAIL_FROM: OWN, SLACK_POSTS_PER_SECOND: "20" },
      undefined,
      { mailIntake: FAST },
    );
  }, 30_000);
  afterAll(async () => {
    await app?.stop();
    await imap?.close();
  });

  const inquiries = () => fixtureNames().filter((n) => !(n in IGNORED_FIXTURES));

  it("every mail in the mailbox becomes one inquiry and moves to kundenbot; the others go to kundenbot.ignoriert", async () => {
    await waitUntil("an empty INBOX", async () => (await imap.list("INBOX")).length === 0, 20_000);
    const done = await imap.list("kundenbot");
    const ignored = await imap.list("kundenbot.ignoriert");
    expect(done.sort()).toEqual(
      inquiries()
        .map((n) => messageIdOf(fixture(n)))
        .sort(),
    );
    expect(ignored.sort()).toEqual(
      Object.keys(IGNORED_FIXTURES)
        .map((n) => messageIdOf(fixture(n)))
        .sort(),
    );

    const stored = await app.deps.prisma.inquiry.findMany({ select: { externalId: true, source: true } });
    expect(stored).toHaveLength(inquiries().length);
    expect(new Set(stored.map((s) => s.source))).toEqual(new Set(["email"]));
    await t.standin.waitFor(
      (s) => s.okCallsOf("chat.postMessage").length >= inquiries().length,
      20_000,
      "a post per inquiry",
    );
    expect(t.standin.okCallsOf("chat.postMessage")).toHaveLength(inquiries().length);
  });

  it("the ignored mails are logged with their reason", () => {
    for (const [name, reason] of Object.entries(IGNORED_FIXTURES)) {
      const lines = logLinesWith(app.logs, `"reason":"${reason}"`);
      expect(lines.length, name).toBeGreaterThan(0);
    }
    expect(logLinesWith(app.logs, "mail is no inquiry")).toHaveLength(Object.keys(IGNORED_FIXTURES).length);
  });

  it("the channel message says per E-Mail, shows the Betreff and the attachments' names", async () => {
    const [post] = postsWith(t.standin, "Lena Vogel");
    expect(post).toBeDefined();
    const blocks = JSON.parse(String(post?.args.blocks)) as { block_id?: string }[];
    expect(JSON.stringify(blocks.find((b) => b.block_id === "request_contact"))).toContain(
      "*Betreff*\\nBriefing und Logo für unsere neue Seite",
    );
    expect(blocks.find((b) => b.block_id === "request_mail")).toEqual({
      type: "context",
      block_id: "request_mail",
      elements: [
        {
          type: "plain_text",
          text: "per E-Mail · 2 Anhänge (im Postfach): Briefing Website.pdf, Logo groß.jpg",
          emoji: false,
        },
      ],
    });
  });

  it("the same mail again (same Message-ID) is moved, but stored and posted once", async () => {
    await imap.append(fixture("01-kontaktformular-de-text.eml"));
    await waitUntil(
      "the repeat in kundenbot",
      async () =>
        (await imap.list("kundenbot")).filter((id) => id === "<cf7.1764490442.abc123@agentur-beispiel.de>")
          .length === 2,
      10_000,
    );
    expect(logLinesWith(app.logs, "mail was stored before")).toHaveLength(1);
    expect(
      await app.deps.prisma.inquiry.count({
        where: { externalId: "<cf7.1764490442.abc123@agentur-beispiel.de>" },
      }),
    ).toBe(1);
    expect(postsWith(t.standin, "Jörg Müller")).toHaveLength(1);
  });

  it("a new mail is picked up at once (IDLE), without waiting for the 60 s poll", async () => {
    await imap.append(contactFormMail("IDLE1"));
    await t.standin.waitFor((s) => postsWith(s, "Kunde IDLE1").length === 1, 10_000, "the post of IDLE1");
    expect(app.deps.mailIntake?.status()).toMatchObject({ state: "connected", idle: true });
  });

  it("a mail nested too deep for an HTML tree is read as flat text, and the watcher goes on", async () => {
    const nested = [
      "From: Kaputt <kaputt@beispiel-kunde.de>",
      "Subject: Verschachtelt",
      "Message-ID: <NESTED1@test.kundenbot>",
      "Content-Type: text/html; charset=utf-8",
      "",
      `${"<div>".repeat(20_000)}Hallo`,
    ].join("\n");
    await imap.append(nested);
    await imap.append(contactFormMail("AFTER1"));
    await t.standin.waitFor(
      (s) => postsWith(s, "Kunde AFTER1").length === 1,
      10_000,
      "the post after the deep mail",
    );
    expect(await imap.list("kundenbot")).toContain("<NESTED1@test.kundenbot>");
    const stored = await app.deps.prisma.inquiry.findUniqueOrThrow({
      where: { externalId: "<NESTED1@test.kundenbot>" },
    });
    expect(stored).toMatchObject({ name: "Kaputt", message: "Hallo" });
  });

  it("the App Home shows members that the mailbox is connected", async () => {
    const n = t.standin.okCallsOf("views.publish").length;
    await app.event({ type: "app_home_opened", user: "U0MEMBER01", channel: "D0MEMBER01", tab: "home" });
    const home = await nthView(t.standin, "views.publish", n + 1);
    expect(JSON.stringify(home.blocks.find((b) => b.block_id === "home_mail_intake"))).toMatch(
      /:incoming_envelope: \*E-Mail-Eingang:\* verbunden mit INBOX · letzte Mail <!date\^/,
    );
  });

  it("/healthz reports the watcher's state", async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    const body = (await res.json()) as { status: string; mailIntake: Record<string, unknown> };
    expect(res.status).toBe(200);
    expect(body.mailIntake).toMatchObject({ state: "connected", mailbox: "INBOX", idle: true });
    expect(body.mailIntake.lastMailAt).toEqual(expect.any(String));
  });
});
