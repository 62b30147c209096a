import { domainToASCII } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallbackId, RecordInquiryBlock } from "../../blocks/ids.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { type Dovecot, hasDovecot, startDovecot } from "../support/dovecot.ts";
import { inquiryBody, invitationBody, postIntake } from "../support/intake.ts";
import { viewSubmission } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { until } from "./support.ts";

/**
 * German addresses with umlaut domains: `jörg@bäckerei-müller.de` and its punycode form are accepted
 * wherever an address enters (intake API, e-mail intake, modal), stored in one form, and are the
 * same address for the Auskunft and the erasure.
 */
const UNICODE = "jörg@bäckerei-müller.de";
const PUNYCODE = `jörg@${domainToASCII("bäckerei-müller.de")}`;

describe("umlaut domains", () => {
  const t = useTestApp({ start: false });
  let app: TestApp;
  let imap: Dovecot | undefined;

  beforeAll(async () => {
    imap = hasDovecot ? await startDovecot() : undefined;
    app = await startTestApp(
      t.db,
      t.standin,
      imap ? { IMAP_URL: imap.url(), MAIL_FROM: "anfragen@agentur.example" } : {},
    );
  }, 30_000);
  afterAll(async () => {
    await app?.stop();
    await imap?.close();
  });
  const stored = () =>
    app.deps.prisma.inquiry.findMany({ where: { erasedAt: null }, select: { email: true, source: true } });

  it("the intake API takes both forms and stores one", async () => {
    expect(PUNYCODE).toMatch(/^jörg@xn--/);
    const a = await postIntake(
      app.baseUrl,
      "inquiries",
      inquiryBody({ name: "Jörg Bäcker", email: UNICODE }),
    );
    expect(a.status).toBe(201);
    const b = await postIntake(
      app.baseUrl,
      "invitations",
      invitationBody({ name: "Jörg Bäcker", email: PUNYCODE }),
    );
    expect(b.status).toBe(201);
    expect((await stored()).map((r) => r.email)).toEqual([UNICODE]);
    expect(
      await app.deps.prisma.invitation.findUniqueOrThrow({
        where: { id: String(b.body.id) },
        select: { email: true },
      }),
    ).toEqual({ email: UNICODE });
    // Still refused: what is no address.
    const bad = await postIntake(app.baseUrl, "inquiries", inquiryBody({ email: "jörg@bäckerei müller.de" }));
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: "email" })]);
  });

  it("the modal Anfrage erfassen takes the punycode form", async () => {
    const res = await app.interact(
      viewSubmission({
        user: "U0MEMBER01",
        callbackId: CallbackId.recordInquiry,
        values: {
          [RecordInquiryBlock.name]: { value: { type: "plain_text_input", value: "Jörg am Telefon" } },
          [RecordInquiryBlock.email]: { value: { type: "email_text_input", value: PUNYCODE.toUpperCase() } },
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.text).not.toContain("errors");
    await until(async () => (await stored()).some((r) => r.source === "manual"), 5_000, "the manual inquiry");
    expect((await stored()).find((r) => r.source === "manual")?.email.toLowerCase()).toBe(UNICODE);
  });

  it.skipIf(!hasDovecot)("a mail from the punycode address becomes an inquiry, not ignoriert", async () => {
    await imap?.append(
      [
        `From: =?UTF-8?Q?J=C3=B6rg?= <${PUNYCODE}>`,
        "To: anfragen@agentur.example",
        "Subject: Website",
        "Message-ID: <umlaut-1@test.kundenbot>",
        "Date: Mon, 07 Dec 2026 09:00:00 +0100",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Wir brauchen eine neue Website.",
        "",
      ].join("\n"),
    );
    await until(async () => (await stored()).some((r) => r.source === "email"), 20_000, "the mailed inquiry");
    expect((await stored()).find((r) => r.source === "email")?.email).toBe(UNICODE);
    expect(await imap?.list("kundenbot.ignoriert")).toEqual([]);
  });

  it("the Auskunft and the erasure find every record under either form, also one stored in punycode before", async () => {
    // A row from before addresses were stored in one form.
    await app.deps.prisma.inquiry.create({
      data: { name: "Jörg alt", email: PUNYCODE, receivedAt: new Date(), source: "api" },
    });
    const records = (await stored()).length;
    expect(records).toBeGreaterThanOrEqual(3);
    for (const form of [UNICODE, PUNYCODE, UNICODE.toUpperCase()]) {
      const found = await app.deps.privacy.find(form);
      expect(found.data.inquiries, form).toHaveLength(records);
      expect(found.data.invitations, form).toHaveLength(1);
    }
    expect(await app.deps.privacy.erase(PUNYCODE, "U0MEMBER01")).toMatchObject({ status: "erased" });
    expect(await stored()).toEqual([]);
    expect((await app.deps.privacy.find(UNICODE)).empty).toBe(true);
  });
});
