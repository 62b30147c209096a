import { describe, expect, it } from "vitest";
import { ActionId } from "../../blocks/ids.ts";
import { blockKitViolations, viewViolations } from "../../blocks/limits.ts";
import { escapeMrkdwn } from "../../blocks/mrkdwn.ts";
import { erasedRequestMessage } from "../../blocks/privacy/erased-message.ts";
import { recordInquiryModal } from "../../blocks/record-inquiry.ts";
import {
  fullMessageModal,
  type InquiryForMessage,
  type InvitationForMessage,
  inquiryMessage,
  invitationMessage,
  type RequestDecision,
} from "../../blocks/request-message.ts";
import { shorten } from "../../blocks/truncate.ts";

// Worst cases from outside: names full of control sequences, every character Slack treats specially,
// emoji (surrogate pairs, ZWJ sequences) and umlauts, and the longest message the API accepts.
const evil = "<!channel> <@U0HACK> <https://evil.example|klick> & Müller 👩‍👩‍👧 ";
const longName = evil.repeat(10).slice(0, 200);
const longMessage = `${"Grüße & <!here> 🎉 ".repeat(600)}`.slice(0, 10_000);

const inquiry: InquiryForMessage = {
  id: "0d3c7f8e-1111-4a5b-9c9d-000000000001",
  name: longName,
  email: "max.mueller+<!channel>@example.com",
  phone: "+49 30 1234567",
  company: longName,
  message: longMessage,
  receivedAt: new Date("2026-11-28T13:05:00Z"),
};
const invitation: InvitationForMessage = {
  id: "0d3c7f8e-1111-4a5b-9c9d-000000000002",
  name: longName,
  email: "a@b.example",
  company: longName,
  customerNumber: "<!everyone>".repeat(4),
  accessLevel: "full",
  message: longMessage,
  receivedAt: new Date("2026-11-28T13:05:00Z"),
};
const decision: RequestDecision = {
  outcome: "assigned",
  by: "U0ALICE",
  at: new Date("2026-11-29T08:00:00Z"),
  customer: { id: "c0ffee00-0000-4000-8000-000000000000", label: longName, isNew: true },
  note: longMessage,
};

/** Every text in the message, joined: where a ping or link would hide. */
const allText = (m: { text: string; blocks: unknown[] }) => JSON.stringify(m);
const mrkdwnTexts = (blocks: unknown): string[] => {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const o = n as Record<string, unknown>;
      if (o.type === "mrkdwn" && typeof o.text === "string") out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out;
};
const buttons = (blocks: unknown[]) =>
  JSON.stringify(blocks)
    .match(/"action_id":"[a-z_]+"/g)
    ?.map((s) => s.slice(13, -1)) ?? [];

describe("escapeMrkdwn", () => {
  it("escapes only &, < and >", () => {
    expect(escapeMrkdwn("<!channel> & We've \"x\" 'y' Ü")).toBe("&lt;!channel&gt; &amp; We've \"x\" 'y' Ü");
  });
  it("neutralises formatting at a word's edge with zero-width spaces, and leaves it inside a word", () => {
    const z = "\u200B";
    expect(escapeMrkdwn("ACME *bold*")).toBe(`ACME ${z}*${z}bold${z}*${z}`);
    expect(escapeMrkdwn("max_muster@firma.de 2*3")).toBe("max_muster@firma.de 2*3");
    expect(escapeMrkdwn("> zitat\n`x`")).toBe(`${z}&gt; zitat\n${z}\`${z}x${z}\`${z}`);
  });
  it("cuts neutralised text within the limit", () => {
    const s = shorten("*".repeat(10), 8, escapeMrkdwn);
    expect(s.cut).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(8);
  });
  it("shortens without splitting an emoji and marks the cut", () => {
    const s = shorten("ab👩‍👩‍👧cd", 5);
    expect(s).toEqual({ text: "ab…", cut: true });
    expect(shorten("kurz", 10)).toEqual({ text: "kurz", cut: false });
  });
});

/** Every state a request is in at once: taken, answered, replied to, in a later phase, with a follow-up. */
const busy = {
  takenBy: "U0ALICE",
  takenAt: new Date("2026-11-28T14:00:00Z"),
  answeredBy: "U0ALICE",
  answeredAt: new Date("2026-11-28T15:00:00Z"),
  repliedAt: new Date("2026-11-28T16:00:00Z"),
  phase: "offer",
  followUpDueAt: new Date("2026-12-01T08:00:00Z"),
} as const;

describe.each([
  ["inquiry, open", () => inquiryMessage(inquiry)],
  ["inquiry, taken, answered, replied, Angebot, follow-up", () => inquiryMessage({ ...inquiry, ...busy })],
  [
    "invitation, taken, answered, replied, Angebot, follow-up",
    () => invitationMessage({ ...invitation, ...busy }),
  ],
  ["inquiry, decided, Gewonnen", () => inquiryMessage({ ...inquiry, ...busy, phase: "won" }, decision)],
  ["inquiry, decided", () => inquiryMessage(inquiry, decision)],
  ["invitation, open", () => invitationMessage(invitation)],
  [
    "invitation, declined",
    () => invitationMessage(invitation, { ...decision, outcome: "declined", customer: undefined }),
  ],
  ["invitation, connected", () => invitationMessage(invitation, { ...decision, outcome: "connected" })],
])("%s with worst-case input", (_name, build) => {
  const m = build();

  it("stays within Slack's limits and has a top-level text", () => {
    expect(blockKitViolations("message", m.blocks, { text: m.text })).toEqual([]);
    expect(m.text.length).toBeGreaterThan(0);
  });

  it("cannot ping or link: every mrkdwn text has outside text escaped", () => {
    for (const t of mrkdwnTexts(m.blocks).concat(m.text)) {
      expect(t).not.toMatch(/<!channel>|<!everyone>|<!here>|<@U0HACK>|<https:/);
    }
    // the only control sequences are our own dates and mentions
    const sequences = mrkdwnTexts(m.blocks).flatMap((t) => t.match(/<[^>]*>/g) ?? []);
    for (const s of sequences) expect(s).toMatch(/^<!date\^\d+\^[^|]+\|[^<>]+>$|^<@U0ALICE>$/);
    expect(allText(m)).toContain("Müller");
  });
});

describe("the controls of a request message", () => {
  type Row = {
    type: string;
    block_id?: string;
    elements?: { type: string; text?: { text: string }; style?: string }[];
  };
  const rows = (m: { blocks: unknown[] }) => (m.blocks as Row[]).filter((b) => b.type === "actions");
  const labels = (row: Row | undefined) =>
    (row?.elements ?? []).map((e) => (e.type === "button" ? e.text?.text : e.type));

  it.each([
    ["inquiry", inquiryMessage(inquiry), ["Kunde hinzufügen"]],
    ["invitation", invitationMessage(invitation), ["Kunde verbinden", "Einladung ablehnen"]],
  ])(
    "%s: the decision buttons first, one primary; the working buttons and Phase in a row of their own",
    (_k, m, decide) => {
      const [first, work, ...rest] = rows(m);
      expect(rest).toEqual([]);
      expect(labels(first)).toEqual(decide);
      expect(first?.elements?.filter((e) => e.style === "primary")).toHaveLength(1);
      expect(labels(work)).toEqual([
        "Übernehmen",
        "Antworten",
        "Notiz",
        "Wiedervorlage",
        "Zuweisen",
        "static_select",
      ]);
      expect(work?.elements?.some((e) => e.style === "primary")).toBe(false);
    },
  );

  it("a taken request offers Abgeben in Übernehmen's place", () => {
    const [, work] = rows(inquiryMessage({ ...inquiry, ...busy }));
    expect(labels(work)).toEqual([
      "Abgeben",
      "Antworten",
      "Notiz",
      "Wiedervorlage",
      "Zuweisen",
      "static_select",
    ]);
  });

  it("an erased request's message stays within limits and has no controls", () => {
    for (const kind of ["inquiry", "invitation"] as const) {
      const m = erasedRequestMessage(kind);
      expect(blockKitViolations("message", m.blocks, { text: m.text })).toEqual([]);
      expect(rows(m)).toEqual([]);
    }
  });
});

describe("inquiryMessage", () => {
  it("shows contact data, received time and the button Kunde hinzufügen with the inquiry id", () => {
    const m = inquiryMessage({
      ...inquiry,
      name: "Eva Schäfer",
      company: "Schäfer & Söhne",
      message: "Hallo",
    });
    const json = JSON.stringify(m.blocks);
    expect(json).toContain("Eva Schäfer");
    expect(json).toContain("Schäfer &amp; Söhne");
    expect(json).toContain("+49 30 1234567");
    expect(json).toContain(`<!date^${Date.parse("2026-11-28T13:05:00Z") / 1000}^`);
    expect(json).toContain("Kunde hinzufügen");
    expect(buttons(m.blocks)).toEqual([
      ActionId.assignRequestInquiry,
      ActionId.takeRequest,
      ActionId.answerRequest,
      ActionId.addNote,
      ActionId.followUp,
      ActionId.assignMember,
      ActionId.changePhase,
    ]);
    expect(json).toContain(`"value":"${inquiry.id}"`);
    expect(m.text).toBe("Neue Anfrage von Eva Schäfer (Schäfer &amp; Söhne)");
  });

  it("shortens a long message and offers the whole text one click away", () => {
    const m = inquiryMessage(inquiry);
    expect(buttons(m.blocks)).toContain(ActionId.showFullMessage);
    expect(JSON.stringify(m.blocks)).toContain(`"value":"inquiry:${inquiry.id}"`);
    const short = inquiryMessage({ ...inquiry, message: "kurz" });
    expect(buttons(short.blocks)).not.toContain(ActionId.showFullMessage);
  });

  it("after a decision: no decision buttons; who, when, which customer, and the customer card", () => {
    const m = inquiryMessage(
      { ...inquiry, name: "Eva" },
      { ...decision, customer: { id: "c1", label: "Eva GmbH", isNew: false } },
    );
    expect(buttons(m.blocks)).not.toContain(ActionId.assignRequestInquiry);
    expect(buttons(m.blocks)).toContain(ActionId.openCustomer);
    const json = JSON.stringify(m.blocks);
    expect(json).toContain("Kunde zugeordnet");
    expect(json).toContain("<@U0ALICE>");
    expect(json).toContain("Eva GmbH");
    expect(json).toContain("bestehender Kunde");
    expect(JSON.stringify(inquiryMessage(inquiry, decision).blocks)).toContain("neu angelegt");
  });

  it("shows who answered last and when a reply came in, and keeps Antworten after the decision", () => {
    const answered = { answeredBy: "U0ALICE", answeredAt: new Date("2026-11-29T10:00:00Z") };
    const m = inquiryMessage(
      { ...inquiry, ...answered, repliedAt: new Date("2026-11-29T12:00:00Z") },
      decision,
    );
    const json = JSON.stringify(m.blocks);
    expect(json).toContain(`beantwortet von <@U0ALICE> <!date^${Date.parse("2026-11-29T10:00:00Z") / 1000}^`);
    expect(json).toContain(`Antwort erhalten <!date^${Date.parse("2026-11-29T12:00:00Z") / 1000}^`);
    expect(buttons(m.blocks)).toContain(ActionId.answerRequest);
    expect(JSON.stringify(inquiryMessage(inquiry).blocks)).not.toContain("beantwortet");
  });

  it("never turns a malformed user id into a mention", () => {
    const m = inquiryMessage({ ...inquiry, name: "Eva" }, { ...decision, by: "<!channel>" });
    expect(mrkdwnTexts(m.blocks).join("\n")).toContain("von &lt;!channel&gt;");
  });
});

describe("invitationMessage", () => {
  it("shows the access level and the buttons Kunde verbinden and Einladung ablehnen (danger)", () => {
    const full = invitationMessage({ ...invitation, message: null });
    expect(JSON.stringify(full.blocks)).toContain("Vollzugriff");
    expect(buttons(full.blocks)).toEqual([
      ActionId.assignRequestInvitation,
      ActionId.declineInvitation,
      ActionId.takeRequest,
      ActionId.answerRequest,
      ActionId.addNote,
      ActionId.followUp,
      ActionId.assignMember,
      ActionId.changePhase,
    ]);
    expect(JSON.stringify(full.blocks)).toContain('"style":"danger"');
    expect(JSON.stringify(full.blocks)).toContain("Kunde verbinden");
    expect(JSON.stringify(full.blocks)).toContain("Einladung ablehnen");
    const partial = invitationMessage({ ...invitation, accessLevel: "partial" });
    expect(JSON.stringify(partial.blocks)).toContain("Teilzugriff");
  });

  it("builds no decision buttons when invitations are off (ISV)", () => {
    const m = invitationMessage({ ...invitation, message: null }, undefined, { invitationsEnabled: false });
    expect(buttons(m.blocks)).toEqual([]);
  });

  it("after a decline: says so, with the note, and no decision buttons, only Antworten, Wiedervorlage and Phase", () => {
    const m = invitationMessage(
      { ...invitation, message: null },
      { ...decision, outcome: "declined", customer: undefined, note: "Danke!" },
    );
    expect(buttons(m.blocks)).toEqual([ActionId.answerRequest, ActionId.followUp, ActionId.changePhase]);
    expect(JSON.stringify(m.blocks)).toContain("Einladung abgelehnt");
    expect(JSON.stringify(m.blocks)).toContain("Danke!");
  });
});

describe("modals", () => {
  it("the full message modal holds 10,000 characters within limits, as plain text", () => {
    const v = fullMessageModal(longName, longMessage);
    expect(viewViolations(v)).toEqual([]);
    const texts = v.blocks.slice(1).map((b) => (b as { text: { text: string; type: string } }).text);
    expect(texts.every((t) => t.type === "plain_text")).toBe(true);
    expect(texts.map((t) => t.text).join("")).toBe(longMessage);
  });

  it("the record-inquiry modal is within limits", () => {
    expect(viewViolations(recordInquiryModal())).toEqual([]);
  });
});

describe("blockKitViolations", () => {
  it("finds what Slack would reject", () => {
    const tooMany = Array.from({ length: 51 }, () => ({ type: "divider" }));
    expect(blockKitViolations("message", tooMany, { text: "x" })).toEqual([
      expect.stringContaining("51 blocks"),
    ]);
    const bad = [
      { type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } },
      { type: "header", text: { type: "plain_text", text: "" } },
      {
        type: "actions",
        elements: [
          { type: "button", action_id: "a", text: { type: "plain_text", text: "b".repeat(76) }, value: "v" },
        ],
      },
    ];
    const v = blockKitViolations("message", bad, {});
    expect(v).toEqual(
      expect.arrayContaining([
        expect.stringContaining("top-level text"),
        expect.stringContaining("blocks[0].text"),
        expect.stringContaining("blocks[1].text.text: empty string"),
        expect.stringContaining("blocks[2].elements[0].text"),
      ]),
    );
    expect(
      viewViolations({ type: "modal", title: { text: "Ein viel zu langer Modaltitel" }, blocks: [] }),
    ).toEqual([expect.stringContaining("title")]);
  });
});
