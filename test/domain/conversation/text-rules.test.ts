import { describe, expect, it } from "vitest";
import { isMessageId, messageIdsIn, newMessageId } from "../../../domain/conversation/message-id.ts";
import { fillPlaceholders, unknownPlaceholders } from "../../../domain/conversation/placeholders.ts";
import { replySubject, subjectKey, withoutReplyPrefixes } from "../../../domain/conversation/subject.ts";
import { templateInput } from "../../../domain/conversation/template.schema.ts";

describe("reply prefixes", () => {
  it("removes any chain of Re:, RE:, AW:, Aw: (also counted ones), and only at the start", () => {
    expect(withoutReplyPrefixes("Re: AW: Aw:RE[2]:  Angebot  Website")).toBe("Angebot Website");
    expect(withoutReplyPrefixes("Angebot: Re: Website")).toBe("Angebot: Re: Website");
    expect(withoutReplyPrefixes("Reise: Angebot")).toBe("Reise: Angebot");
    expect(subjectKey("AW: Angebot")).toBe(subjectKey("re: angebot"));
    expect(replySubject("AW: Re: Angebot")).toBe("Re: Angebot");
  });

  it("is linear on a hostile subject", () => {
    const start = performance.now();
    withoutReplyPrefixes(`${"Re: ".repeat(50_000)}x`);
    withoutReplyPrefixes(`${"Re".repeat(100_000)}`);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe("Message-IDs", () => {
  it("makes ours with MAIL_FROM's domain, and accepts only well-formed ones from outside", () => {
    expect(newMessageId("Agentur <kontakt@agentur.example>")).toMatch(/^<[0-9a-f-]{36}@agentur\.example>$/);
    expect(newMessageId(undefined)).toMatch(/@kundenbot\.invalid>$/);
    expect(isMessageId("<a@b>")).toBe(true);
    expect(isMessageId("<a@b>\r\nBcc: x@y")).toBe(false);
    expect(isMessageId("<a b@c>")).toBe(false);
    expect(messageIdsIn("<a@b> junk <c@d>\r\n <e f@g>")).toEqual(["<a@b>", "<c@d>"]);
    expect(messageIdsIn(["<a@b>", "<c@d>"])).toEqual(["<a@b>", "<c@d>"]);
  });
});

describe("template placeholders", () => {
  it("fills the four, leaves a line that only held empty ones out, never fills a value again", () => {
    const text = "Guten Tag {name},\nfür {firma}.\n\nMit freundlichen Grüßen\n{mitglied}\n{agentur}";
    expect(
      fillPlaceholders(text, {
        name: "Eva {mitglied}",
        firma: "Firma",
        mitglied: "Anna Acker",
        agentur: null,
      }),
    ).toBe("Guten Tag Eva {mitglied},\nfür Firma.\n\nMit freundlichen Grüßen\nAnna Acker");
  });

  it("an unknown placeholder is a field error when saving", () => {
    expect(unknownPlaceholders("Hallo {vorname} {name} {firma}")).toEqual(["{vorname}"]);
    const parsed = templateInput.safeParse({ name: "X", subject: "Zu {projekt}", text: "Hallo {Name}" });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(["subject", "text"]);
    expect(parsed.error?.issues[0]?.message).toContain("{projekt}");
    expect(templateInput.safeParse({ name: "X", subject: "Zu {firma}", text: "Hallo {name}" }).success).toBe(
      true,
    );
  });
});
