import { readFile } from "node:fs/promises";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { type MailIntake, mailToInquiry, readMail } from "../../../domain/mail-intake/mail-to-inquiry.ts";

const OWN = "Agentur Beispiel <kontakt@agentur-beispiel.de>";

async function intake(fixture: string): Promise<MailIntake> {
  const raw = await readFile(new URL(`../../fixtures/mails/${fixture}`, import.meta.url));
  return readMail(raw, OWN);
}

async function inquiry(fixture: string) {
  const result = await intake(fixture);
  if (result.kind !== "inquiry") throw new Error(`${fixture}: ${result.reason} (${result.detail})`);
  return result;
}

describe("a mail becomes an inquiry", () => {
  it("German contact form (text, quoted-printable): label lines beat the headers; the footer is gone", async () => {
    const r = await inquiry("01-kontaktformular-de-text.eml");
    expect(r.input).toMatchObject({
      name: "Jörg Müller",
      email: "joerg.mueller@baeckerei-mueller.de",
      phone: "+49 6221 123456",
      company: "Bäckerei Müller GmbH",
      externalId: "<cf7.1764490442.abc123@agentur-beispiel.de>",
      receivedAt: "2026-11-30T08:14:02.000Z",
    });
    expect(r.input.message).toBe(
      "Guten Tag,\n\nwir möchten unsere Website erneuern und einen Online-Shop für Torten anbieten.\nKönnen Sie uns ein Angebot machen?\n\nViele Grüße\nJörg Müller",
    );
    expect(r.subject).toBe("Neue Anfrage über das Kontaktformular");
    expect(r.attachments).toEqual([]);
  });

  it("English contact form, HTML only, as a table: Vorname/Nachname-style fields are joined", async () => {
    const r = await inquiry("02-contact-form-en-html.eml");
    expect(r.input).toMatchObject({
      name: "Sarah O'Connor",
      email: "sarah.oconnor@greenleaf.example",
      phone: "+44 20 7946 0958",
      company: "Greenleaf Ltd",
    });
    // The form's footer below the table stays: a table cell's end is no line the text shows.
    expect(r.input.message).toMatch(
      /^Hi there,\nwe need a new booking system for our café & shop.\n\nThanks, Sarah\n/,
    );
  });

  it("German HTML form with bold labels (base64): Vorname + Nachname, Tel., Unternehmen", async () => {
    const r = await inquiry("03-kontaktformular-de-html-fett.eml");
    expect(r.input).toMatchObject({
      name: "Günther Weiß",
      email: "g.weiss@weiss-immobilien.de",
      phone: "0911 998877",
      company: "Weiß Immobilien e.K.",
    });
    expect(r.input.message).toBe(
      "Grüß Gott, unsere Seite lädt sehr langsam. Können Sie das Hosting übernehmen?",
    );
  });

  it("forwarded from Outlook (WG:, Von/Gesendet/An/Betreff block): the original sender and text", async () => {
    const r = await inquiry("04-weitergeleitet-outlook.eml");
    expect(r.input).toMatchObject({ name: "Dr. Petra Schröder", email: "praxis@dr-schroeder.de" });
    expect(r.input.message).toMatch(/^Sehr geehrte Frau Acker,\n\nunsere Praxis-Website/);
    expect(r.input.message).not.toContain("Bitte in den Kanal");
    expect(r.subject).toBe("WG: Anfrage Relaunch Praxis-Website");
  });

  it("forwarded from Gmail (---------- Forwarded message ---------): the original sender", async () => {
    const r = await inquiry("05-forwarded-gmail.eml");
    expect(r.input).toMatchObject({ name: "Tom Baker", email: "tom@bakerandsons.example" });
    expect(r.input.message).toBe(
      "Hello Ben,\n\ncould you send us a quote for a small company website with five pages?\n\nBest regards,\nTom Baker\nBaker & Sons",
    );
  });

  it("a reply: without the signature and the quoted history", async () => {
    const r = await inquiry("06-antwort-mit-verlauf.eml");
    expect(r.input).toMatchObject({ name: "Klaus Fischer", email: "k.fischer@fischer-bau.de" });
    expect(r.input.message).toBe(
      "Hallo,\n\nwir haben es uns anders überlegt und möchten doch ein Angebot für die Wartung.\n\nGruß\nKlaus Fischer",
    );
  });

  it("attachments: not stored, their names are kept (also RFC 2231 encoded ones)", async () => {
    const r = await inquiry("09-anhaenge.eml");
    expect(r.attachments).toEqual(["Briefing Website.pdf", "Logo groß.jpg"]);
    expect(r.input).toMatchObject({
      name: "Lena Vogel",
      email: "lena@vogel-design.example",
      phone: "030 5566778",
    });
    expect(r.input.message).toContain("Wir möchten im Frühjahr starten.");
  });

  it("quoted-printable ISO-8859-1 with umlauts in the From name and subject", async () => {
    const r = await inquiry("10-quoted-printable-latin1.eml");
    expect(r.input).toMatchObject({ name: "Schönfeld, Jürgen", email: "j.schoenfeld@t-online.example" });
    expect(r.subject).toBe("Homepage für unseren Verein");
    expect(r.input.message).toContain(
      '"Frohsinn 1887 e.V." möchte eine neue Homepage. Größe: ungefähr zehn Seiten',
    );
  });

  it("base64 UTF-8: Reply-To is the contact, not From", async () => {
    const r = await inquiry("11-base64-umlaute.eml");
    expect(r.input).toMatchObject({ name: "Özlem Yılmaz", email: "anfragen@yilmaz-catering.example" });
    expect(r.subject).toBe("Anfrage: Shop für Äpfel & Güter");
    expect(r.input.message).toContain("(Äpfel, Öle, Gewürze – Lieferung in ganz Österreich)");
  });

  it("a direct mail keeps its text as written (no mention, no formatting), without the signature", async () => {
    const r = await inquiry("15-direkte-mail-signatur.eml");
    expect(r.input).toMatchObject({ name: "Carla Conrad", email: "carla@conrad-yoga.example" });
    expect(r.input.message).toBe(
      "Hallo,\n\nich eröffne im Januar ein Yogastudio und brauche eine Website mit Kursplan. <!channel> *wichtig*\n\nDanke!\nCarla",
    );
    expect(r.subject).toBe("Website für mein Yogastudio");
  });
});

describe("mails that are no inquiry", () => {
  it.each([
    ["07-abwesenheitsnotiz.eml", "auto-reply", /Auto-Submitted: auto-replied/],
    ["08-bounce.eml", "bounce", /multipart\/report/],
    ["12-ohne-absender.eml", "no-address", /no sender address/],
    ["13-eigene-mail.eml", "own-mail", /MAIL_FROM/],
    ["14-newsletter-bulk.eml", "auto-reply", /Precedence: bulk/],
  ])("%s is ignored as %s", async (fixture, reason, detail) => {
    const r = await intake(fixture);
    expect(r).toMatchObject({ kind: "ignored", reason });
    expect(r.kind === "ignored" && r.detail).toMatch(detail);
  });

  it("a Date header with an impossible year: the time of intake instead (no error)", async () => {
    const raw = Buffer.from("From: a@b.example\r\nDate: Fri, 01 Jan 10000 00:00:00 +0000\r\n\r\nHallo\r\n");
    const r = await readMail(raw);
    expect(r.kind === "inquiry" && r.input.receivedAt).toBeNull();
  });

  it("an E-Mail field without an address leaves the sender's address", async () => {
    const raw = Buffer.from("From: Eva <eva@b.example>\r\n\r\nName: Eva Exempel\r\nE-Mail: keine\r\n");
    const r = await readMail(raw);
    expect(r.kind === "inquiry" && r.input).toMatchObject({ name: "Eva Exempel", email: "eva@b.example" });
  });

  it("HTML nested too deep for a tree is read as flat text (entities decoded, scripts left out)", async () => {
    const html = `${"<div>".repeat(20_000)}Hallo<p>Zeile &amp; zwei</p><script>alert(1)</script>`;
    const raw = Buffer.from(`From: a@b.example\r\nContent-Type: text/html\r\n\r\n${html}`);
    const r = await readMail(raw);
    expect(r.kind === "inquiry" && r.input.message).toBe("Hallo\nZeile & zwei");
  });

  it("a mail without Message-ID gets a stable id from its content", async () => {
    const raw = Buffer.from("From: a@b.example\r\nSubject: x\r\n\r\nHallo\r\n");
    const a = mailToInquiry(await simpleParser(raw), { raw });
    const b = mailToInquiry(await simpleParser(raw), { raw });
    expect(a.kind === "inquiry" && a.input.externalId).toMatch(/^mail-sha256:[0-9a-f]{64}$/);
    expect(a.kind === "inquiry" && b.kind === "inquiry" && a.input.externalId === b.input.externalId).toBe(
      true,
    );
  });
});

// Issue 20: text a sender controls is read in time linear in its length. Each of these took seconds
// (quadratic backtracking, htmlparser2's stack) at these sizes; 2 s leaves room for a loaded machine.
describe("hostile text is read in linear time", () => {
  const K = 400_000;
  const fill = (s: string) => s.repeat(Math.ceil(K / s.length)).slice(0, K);
  const mail = (body: string, type = "text/plain") =>
    Buffer.from(`From: Eva <eva@b.example>\r\nContent-Type: ${type}; charset=utf-8\r\n\r\n${body}\r\n`);

  it.each([
    ["a line of ' schrieb am '", mail(fill(" schrieb am "))],
    ["'Am ' and a line of ' schrieb '", mail(`Am ${fill(" schrieb ")}`)],
    ["a label line of spaces", mail(`Name:${fill(" ")}x`)],
    ["a label value of stars", mail(`Name: x${fill("*")}y`)],
    ["an E-Mail field of one long word", mail(`E-Mail: ${fill("a")}`)],
    ["an E-Mail field of '@'s", mail(`E-Mail: ${fill("a@")}`)],
    ["nested <div>s", mail(`${fill("<div>")}Hallo`, "text/html")],
    ["nested <div>s and <svg>s", mail(`${fill("<div><svg></div>")}Hallo`, "text/html")],
  ])("%s (400 kB)", async (_what, raw) => {
    const started = performance.now();
    const r = await readMail(raw);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(r.kind).toBe("inquiry");
  });
});
