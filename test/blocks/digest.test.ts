import type { KnownBlock, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { ageText, digestMessage } from "../../blocks/digest.ts";
import { blockKitViolations } from "../../blocks/limits.ts";
import { messagePermalink } from "../../blocks/permalink.ts";
import type { Digest, DigestEntry } from "../../domain/digest/digest.ts";

const entry = (over: Partial<DigestEntry> = {}): DigestEntry => ({
  id: "i1",
  name: "Erika Mustermann",
  accessLevel: "full",
  receivedAt: new Date("2026-03-01T10:00:00Z"),
  ageDays: 2,
  overdue: false,
  message: { channel: "CTEAM0001", ts: "1700000001.000100" },
  ...over,
});

const digest = (over: Partial<Digest> = {}): Digest => ({
  subject: "invitations",
  pendingInvitations: 1,
  openInquiries: 2,
  overdue: 0,
  overdueDays: 3,
  entries: [entry()],
  more: 0,
  ...over,
});

const sections = (blocks: KnownBlock[]) => blocks.filter((b): b is SectionBlock => b.type === "section");
/** Everything Slack would parse as mrkdwn (where `<!channel>` would ping). */
const mrkdwnTexts = (blocks: KnownBlock[]) =>
  JSON.stringify(blocks)
    .match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g)
    ?.join("\n") ?? "";

describe("digestMessage", () => {
  it("counts pending invitations and open inquiries, and sets the top-level text", () => {
    const { text, blocks } = digestMessage(digest({ pendingInvitations: 5, openInquiries: 1 }));
    expect(text).toBe("5 Zugriffsfreigaben warten auf eine Entscheidung.");
    expect(JSON.stringify(blocks)).toContain("*5 Zugriffsfreigaben warten auf eine Entscheidung.*");
    expect(JSON.stringify(blocks)).toContain("1 Anfrage ist offen.");
  });

  it("shows name, access level, age and a link to the channel message", () => {
    const { blocks } = digestMessage(
      digest({ entries: [entry(), entry({ id: "i2", name: "Max", accessLevel: "partial", ageDays: 0 })] }),
      { workspaceUrl: "https://agentur.slack.com/" },
    );
    const [first, second] = sections(blocks).slice(1);
    expect(first?.fields?.[0]).toMatchObject({ type: "plain_text", text: "Erika Mustermann" });
    expect(first?.fields?.[1]?.text).toBe(
      "Vollzugriff · seit 2 Tagen · noch nicht übernommen · <https://agentur.slack.com/archives/CTEAM0001/p1700000001000100|Zur Nachricht>",
    );
    expect(second?.fields?.[1]?.text).toContain("Teilzugriff · seit heute");
  });

  it("names who took each request", () => {
    const { blocks } = digestMessage(
      digest({ entries: [entry({ takenBy: "U0ANNA0001" }), entry({ id: "i2", name: "Max" })] }),
    );
    const [taken, free] = sections(blocks).slice(1);
    expect(taken?.fields?.[1]?.text).toContain("in Bearbeitung: <@U0ANNA0001>");
    expect(free?.fields?.[1]?.text).toContain("noch nicht übernommen");
  });

  it("leaves the link out while the request is not posted yet, or without a workspace URL", () => {
    const unposted = digestMessage(digest({ entries: [entry({ message: undefined })] }), {
      workspaceUrl: "https://agentur.slack.com/",
    });
    expect(JSON.stringify(unposted.blocks)).not.toContain("Zur Nachricht");
    expect(JSON.stringify(digestMessage(digest()).blocks)).not.toContain("Zur Nachricht");
  });

  it("makes overdue requests stand out and counts them", () => {
    const { text, blocks } = digestMessage(
      digest({ pendingInvitations: 2, overdue: 1, entries: [entry({ ageDays: 5, overdue: true }), entry()] }),
    );
    expect(text).toBe("2 Zugriffsfreigaben warten auf eine Entscheidung, 1 davon wartet länger als 3 Tage.");
    const [late, fresh] = sections(blocks).slice(1);
    expect(late?.fields?.[0]?.text).toBe(":warning: Erika Mustermann");
    expect(late?.fields?.[1]?.text).toContain("*seit 5 Tagen – überfällig*");
    expect(fresh?.fields?.[1]?.text).not.toContain("überfällig");
  });

  it("shows a name that tries to ping or link as text", () => {
    const name = "<!channel> & <https://evil.example|Klick> <@U123>";
    const { text, blocks } = digestMessage(digest({ entries: [entry({ name })] }), {
      workspaceUrl: "https://agentur.slack.com/",
    });
    expect(sections(blocks)[1]?.fields?.[0]).toEqual({ type: "plain_text", text: name, emoji: true });
    expect(mrkdwnTexts(blocks)).not.toContain("<!channel>");
    expect(mrkdwnTexts(blocks)).not.toContain("evil");
    expect(text).not.toContain("<!channel>");
  });

  it("points to /kunden einladungen for the rest", () => {
    const { blocks } = digestMessage(digest({ pendingInvitations: 500, more: 480 }));
    expect(JSON.stringify(blocks.at(-1))).toContain("… und 480 weitere. Alle zeigt `/kunden einladungen`.");
  });

  it("covers open inquiries only in the ISV partner program", () => {
    const isv = digest({
      subject: "inquiries",
      pendingInvitations: undefined,
      openInquiries: 30,
      more: 10,
      entries: [entry({ accessLevel: undefined })],
    });
    const { text, blocks } = digestMessage(isv);
    expect(text).toBe("30 Anfragen sind offen.");
    const json = JSON.stringify(blocks);
    expect(json).toContain("Offene Anfragen");
    expect(json).not.toMatch(/Zugriffsfreigabe|Vollzugriff|Teilzugriff|einladungen/);
    expect(json).toContain("`/kunden anfragen`");
  });

  it("stays within Slack's limits with 20 long, escape-heavy names", () => {
    const entries = Array.from({ length: 20 }, (_, i) =>
      entry({ id: `i${i}`, name: "&<>".repeat(400), overdue: true, ageDays: 400 }),
    );
    const { text, blocks } = digestMessage(
      digest({ pendingInvitations: 500, overdue: 500, entries, more: 480 }),
      {
        workspaceUrl: "https://agentur.slack.com/",
      },
    );
    expect(blockKitViolations("message", blocks, { text })).toEqual([]);
  });
});

describe("ageText", () => {
  it("speaks German", () => {
    expect([0, 1, 2, 3].map(ageText)).toEqual(["seit heute", "seit gestern", "seit 2 Tagen", "seit 3 Tagen"]);
  });
});

describe("messagePermalink", () => {
  it("builds archives/<channel>/p<ts without the dot> and refuses what could inject mrkdwn", () => {
    expect(messagePermalink("https://a.slack.com", "C1", "1.000200")).toBe(
      "https://a.slack.com/archives/C1/p1000200",
    );
    expect(messagePermalink("https://a.slack.com/", "C1|x", "1.2")).toBeUndefined();
    expect(messagePermalink("https://a.slack.com/", "C1", "1.2>")).toBeUndefined();
    expect(messagePermalink(undefined, "C1", "1.2")).toBeUndefined();
  });
});
