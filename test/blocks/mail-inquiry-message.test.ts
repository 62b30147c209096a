import { describe, expect, it } from "vitest";
import { inquiryMessage } from "../../blocks/request-message.ts";

const mailed = {
  id: "7c1f6a52-0b7e-4a43-9d0a-1a2b3c4d5e6f",
  name: "Jörg Müller",
  email: "joerg@example.com",
  message: "Guten Tag",
  receivedAt: new Date("2026-12-02T09:00:00Z"),
  source: "email" as const,
  subject: "Angebot <!channel> *bitte*",
  attachments: ["Briefing.pdf"],
};

const blockOf = (blocks: { block_id?: string }[], id: string) => blocks.find((b) => b.block_id === id);

describe("the channel message of a mailed inquiry", () => {
  it("shows the Betreff (escaped, so it cannot ping) and 'per E-Mail' with the attachment", () => {
    const { blocks } = inquiryMessage(mailed);
    expect(JSON.stringify(blockOf(blocks, "request_contact"))).toContain(
      "*Betreff*\\nAngebot &lt;!channel&gt;",
    );
    expect(blockOf(blocks, "request_mail")).toEqual({
      type: "context",
      block_id: "request_mail",
      elements: [
        { type: "plain_text", text: "per E-Mail · 1 Anhang (im Postfach): Briefing.pdf", emoji: false },
      ],
    });
  });

  it("keeps both after a decision", () => {
    const { blocks } = inquiryMessage(mailed, { outcome: "assigned", by: "U0ANNA0001", at: new Date() });
    expect(blockOf(blocks, "request_mail")).toBeDefined();
    expect(JSON.stringify(blockOf(blocks, "request_contact"))).toContain("*Betreff*");
  });

  it("an inquiry from the API has neither", () => {
    const { blocks } = inquiryMessage({ ...mailed, source: "api", subject: null, attachments: [] });
    expect(blockOf(blocks, "request_mail")).toBeUndefined();
    expect(JSON.stringify(blocks)).not.toContain("Betreff");
  });
});
