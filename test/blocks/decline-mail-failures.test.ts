import { describe, expect, it } from "vitest";
import { declineMailFailureBlocks, HOME_MAIL_FAILURES } from "../../blocks/home/decline-mail-failures.ts";
import { homeView } from "../../blocks/home/home-view.ts";

const NOW = new Date("2026-11-28T10:00:00Z");
const EVIL = "<!channel> *fett* <https://evil.example|klick> & Co";
const failure = (i: number) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  name: `${EVIL} ${i}`,
  email: `p${i}@example.com`,
  declineMailError: `550 5.1.1 <p${i}@example.com>: User unknown ${"x".repeat(4000)}`,
  decidedAt: NOW,
});
const emptyPage = { items: [], total: 0, page: 0, pageSize: 15 };
const counts = { openInquiries: 0, oldestInquiryAt: null, pendingInvitations: 0, oldestInvitationAt: null };

describe("refused decline e-mails on the App Home", () => {
  it("shows nothing when there are none", () => {
    expect(declineMailFailureBlocks({ items: [], total: 0 })).toEqual([]);
    const home = homeView({ counts, inquiries: emptyPage, invitations: emptyPage }, NOW);
    expect(JSON.stringify(home)).not.toContain("Absage-E-Mails");
  });

  it("lists name, e-mail and reason as plain text only, within Slack's limits, and counts the rest", () => {
    const items = Array.from({ length: HOME_MAIL_FAILURES }, (_, i) => failure(i));
    const blocks = declineMailFailureBlocks({ items, total: 12 });
    const sections = blocks.filter((b) => b.type === "section");
    expect(sections).toHaveLength(HOME_MAIL_FAILURES);
    for (const [i, s] of sections.entries()) {
      if (s.type !== "section") continue;
      expect(s.text?.type).toBe("plain_text");
      expect(s.text?.text).toContain(`${EVIL} ${i} (p${i}@example.com)\nGrund: 550 5.1.1`);
      expect(Array.from(s.text?.text ?? "").length).toBeLessThanOrEqual(3000);
    }
    // Outside text never lands in mrkdwn.
    for (const b of blocks) {
      for (const t of JSON.stringify(b).matchAll(/"type":"mrkdwn","text":"([^"]*)"/g)) {
        expect(t[1]).not.toContain("example.com");
      }
    }
    expect(JSON.stringify(blocks)).toContain("… und 7 weitere");
    expect(JSON.stringify(blocks)).toContain("Abgelehnte Absage-E-Mails (12)");
  });

  it("keeps the whole Home under 100 blocks with full lists and failures", () => {
    const page = <T>(make: (i: number) => T) => ({
      items: Array.from({ length: 15 }, (_, i) => make(i)),
      total: 1000,
      page: 3,
      pageSize: 15,
    });
    const person = (i: number) => ({
      id: failure(i).id,
      name: "Eva",
      email: "e@x.de",
      company: null,
      phone: null,
      customerNumber: null,
      accessLevel: "full" as const,
      receivedAt: NOW,
    });
    const home = homeView(
      {
        counts,
        inquiries: page(person),
        invitations: page(person),
        declineMailFailures: {
          items: Array.from({ length: HOME_MAIL_FAILURES }, (_, i) => failure(i)),
          total: 99,
        },
      },
      NOW,
    );
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    // Right under the counts and buttons, before the lists.
    const headers = home.blocks.filter((b) => b.type === "header").map((b) => JSON.stringify(b));
    expect(headers[1]).toContain("Abgelehnte Absage-E-Mails");
  });
});
