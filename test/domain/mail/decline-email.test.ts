import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultSignature } from "../../../bot/mail/templates.ts";
import { headerSafe, renderDeclineMail } from "../../../domain/mail/decline-email.ts";

const template = readFileSync(
  new URL("../../../templates/decline-invitation.de.txt", import.meta.url),
  "utf8",
);
const base = {
  name: "Eva Schröder",
  agencyName: "Agentur Beispiel",
  signature: "Ihr Team von Agentur Beispiel",
};

describe("the decline e-mail", () => {
  it("is formal German with the agency's name and signature, and no personal section without a message", () => {
    const mail = renderDeclineMail(template, base);
    expect(mail.subject).toBe("Ihre Zugriffsfreigabe für Agentur Beispiel");
    expect(mail.text).toMatch(/^Guten Tag Eva Schröder,/);
    expect(mail.text).toContain("Sie");
    expect(mail.text).not.toMatch(/\b(du|dich|dir|dein)\b/i);
    expect(mail.text).toContain("Ihr Team von Agentur Beispiel");
    expect(mail.text).not.toContain("persönliche Nachricht");
    expect(mail.text).not.toContain("{{");
  });

  it("reads right without AGENCY_NAME: 'uns', no agency in the subject, no 'Ihre Agentur'", () => {
    const mail = renderDeclineMail(template, {
      ...base,
      agencyName: null,
      signature: defaultSignature({ agencyName: null }),
    });
    expect(mail.subject).toBe("Ihre Zugriffsfreigabe");
    expect(mail.text).toContain(
      "vielen Dank, dass Sie uns über das IONOS Partnernetzwerk eine Zugriffsfreigabe für Ihr IONOS-Konto geschickt haben.",
    );
    expect(mail.text).toMatch(/Mit freundlichen Grüßen\nIhr Team\n$/);
    expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toMatch(/Ihre Agentur|\{\{| {2}/);
    expect(mail.html).toContain("dass Sie uns über das");
  });

  it("names the agency where it is set, in the subject, the text and the default signature", () => {
    const mail = renderDeclineMail(template, {
      ...base,
      signature: defaultSignature({ agencyName: "Agentur Beispiel" }),
    });
    expect(mail.text).toContain("dass Sie Agentur Beispiel über das IONOS Partnernetzwerk");
    expect(mail.text).toMatch(/Mit freundlichen Grüßen\nIhr Team von Agentur Beispiel\n$/);
    expect(defaultSignature({ agencyName: "Agentur Beispiel", signature: "Maria Muster" })).toBe(
      "Maria Muster",
    );
  });

  it("carries the personal message verbatim in text, escaped in HTML", () => {
    const personalMessage = 'Schade! <script>alert("x")</script> & {{name}}\nZweite Zeile';
    const mail = renderDeclineMail(template, { ...base, personalMessage });
    expect(mail.text).toContain(personalMessage);
    expect(mail.html).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {{name}}<br>Zweite Zeile",
    );
    expect(mail.html).not.toContain("<script>");
  });

  it("keeps CR/LF and long values out of the subject", () => {
    const mail = renderDeclineMail(template, { ...base, agencyName: "Evil\r\nBcc: victim@example.com" });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(headerSafe("x".repeat(500)).length).toBe(200);
  });

  it("keeps bidi controls and zero-width characters out of the subject", () => {
    const mail = renderDeclineMail(template, { ...base, agencyName: "Agentur\u202E\u200B Beispiel\u2066" });
    expect(mail.subject).toBe("Ihre Zugriffsfreigabe für Agentur Beispiel");
    expect(headerSafe("Eva\u200F Schröder\uFEFF")).toBe("Eva Schröder");
  });
});
