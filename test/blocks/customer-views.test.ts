import { describe, expect, it } from "vitest";
import { contractFormView, domainFormView, taskFormView } from "../../blocks/customers/card-forms.ts";
import { customerCardView } from "../../blocks/customers/customer-card.ts";
import { customerFormView } from "../../blocks/customers/customer-form.ts";
import { customerOption } from "../../blocks/customers/customer-option.ts";
import { helpMessage } from "../../blocks/customers/help.ts";
import {
  SEARCH_PAGE_SIZE,
  searchModal,
  searchResultsMessage,
} from "../../blocks/customers/search-results.ts";
import { HOME_PAGE_SIZE, homeView } from "../../blocks/home/home-view.ts";
import {
  inquiriesMessage,
  invitationsMessage,
  MESSAGE_PAGE_SIZE,
} from "../../blocks/requests/waiting-lists.ts";
import { waitingSince } from "../../blocks/texts/relative-time.ts";
import type { CustomerCardData } from "../../domain/customers/customer-repository.ts";

const NOW = new Date("2026-11-28T12:00:00Z");
const EVIL = `<!channel> <@U123> <https://evil.example|klick> & ${"x".repeat(5000)}`;
const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

type Json = Record<string, unknown>;

/** Walks a view or message and checks the limits Slack enforces (slack-facts.md). */
function checkLimits(
  view: { blocks: unknown[]; title?: { text: string }; submit?: { text: string }; close?: { text: string } },
  maxBlocks: number,
) {
  expect(view.blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const k of ["title", "submit", "close"] as const) {
    const t = view[k];
    if (t) expect(Array.from(t.text).length, k).toBeLessThanOrEqual(24);
  }
  const walk = (node: unknown, parent: string) => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, parent);
      return;
    }
    if (!node || typeof node !== "object") return;
    const o = node as Json;
    const len = (s: unknown) => Array.from(String(s)).length;
    if (o.type === "header") expect(len((o.text as Json).text)).toBeLessThanOrEqual(150);
    if (o.type === "section") {
      if (o.text) expect(len((o.text as Json).text)).toBeLessThanOrEqual(3000);
      const fields = (o.fields as Json[] | undefined) ?? [];
      expect(fields.length).toBeLessThanOrEqual(10);
      for (const f of fields) expect(len(f.text)).toBeLessThanOrEqual(2000);
    }
    if (o.type === "context") expect((o.elements as unknown[]).length).toBeLessThanOrEqual(10);
    if (o.type === "actions") expect((o.elements as unknown[]).length).toBeLessThanOrEqual(25);
    if (o.type === "button") {
      expect(len((o.text as Json).text)).toBeLessThanOrEqual(75);
      if (o.value !== undefined) expect(len(o.value)).toBeLessThanOrEqual(2000);
    }
    for (const k of ["action_id", "block_id", "callback_id"])
      if (o[k]) expect(len(o[k])).toBeLessThanOrEqual(255);
    // Outside text never reaches mrkdwn: every mrkdwn text here is built from our own words.
    if (o.type === "mrkdwn") expect(String(o.text)).not.toMatch(/<!channel>|evil\.example|<@U123>/);
    for (const [k, v] of Object.entries(o)) walk(v, k);
  };
  walk(view.blocks, "blocks");
}

function bigCard(): CustomerCardData {
  const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
  const customer = {
    id: id(1),
    company: EVIL,
    firstName: EVIL,
    lastName: EVIL,
    email: EVIL,
    phone: EVIL,
    address: EVIL,
    notes: EVIL,
    createdAt: NOW,
    updatedAt: NOW,
  };
  return {
    customer,
    inquiries: {
      items: many(5, (i) => ({ id: id(i), name: EVIL, email: EVIL, receivedAt: NOW, decidedAt: NOW })),
      total: 500,
    },
    accessGrants: {
      items: many(5, (i) => ({
        id: id(i),
        name: EVIL,
        email: EVIL,
        accessLevel: "full" as const,
        customerNumber: EVIL,
        decidedAt: NOW,
      })),
      total: 500,
    },
    domains: { items: many(20, (i) => ({ id: id(i), name: `${"d".repeat(240)}${i}.de` })), total: 900 },
    conversation: {
      items: many(10, () => ({
        type: "reply" as const,
        at: NOW,
        author: null,
        name: EVIL,
        subject: EVIL,
        text: EVIL,
      })),
      total: 500,
    },
    contracts: {
      items: many(10, (i) => ({ id: id(i), title: EVIL, number: EVIL, startsOn: NOW })),
      total: 300,
    },
    tasks: {
      items: many(15, (i) => ({ id: id(i), title: EVIL, dueOn: NOW, assigneeId: "U1", done: i % 2 === 0 })),
      total: 400,
      open: 200,
    },
    audit: many(8, (i) => ({ id: BigInt(i), actor: "U1", action: "task.done", createdAt: NOW })),
  };
}

describe("customer views stay within Slack's limits and never format outside text", () => {
  it("the customer card with every list full and hostile text", () => {
    const view = customerCardView(bigCard(), { invitationsEnabled: true });
    checkLimits(view, 100);
    const text = JSON.stringify(view);
    expect(text).toContain("und 495 weitere");
    expect(text).toContain("und 880 weitere");
    for (const label of ["Bearbeiten", "Domain zuordnen", "Vertrag zuordnen", "Aufgabe anlegen"])
      expect(text).toContain(`"${label}"`);
    expect(text).toContain("Vollzugriff");
  });

  it("Letzte Änderungen names every change of a request in German (a phase with the new phase), never an action key", () => {
    const actions = [
      "inquiry.phase_changed",
      "invitation.phase_changed",
      "inquiry.follow_up_set",
      "invitation.follow_up_deleted",
      "inquiry.answered",
      "invitation.reply_received",
      "inquiry.assigned_to_member",
      "inquiry.taken",
      "invitation.released",
      "privacy.erased",
      "something.new_later",
    ];
    const card = bigCard();
    card.audit = actions.map((action, i) => ({
      id: BigInt(i),
      actor: "U1",
      action,
      createdAt: NOW,
      after: action.endsWith("phase_changed") ? { phase: i === 0 ? "won" : "contacted" } : null,
    }));
    const view = customerCardView(card, { invitationsEnabled: true });
    const history = JSON.stringify(view.blocks.at(-1));
    expect(history).toContain("Phase der Anfrage: Gewonnen");
    expect(history).toContain("Phase der Zugriffsfreigabe: In Kontakt");
    expect(history).toContain("Wiedervorlage zur Anfrage gesetzt");
    expect(history).toContain("Wiedervorlage zur Zugriffsfreigabe gelöscht");
    expect(history).toContain("Anfrage beantwortet");
    for (const action of actions) expect(history).not.toContain(action);
  });

  it("the card shows no access grants in the ISV partner program", () => {
    const text = JSON.stringify(customerCardView(bigCard(), { invitationsEnabled: false }));
    expect(text).not.toContain("Zugriffsfreigaben");
    expect(text).not.toContain("Vollzugriff");
  });

  it("forms, search results, lists, help and the Home", () => {
    const c = bigCard().customer;
    checkLimits(customerFormView({ initial: c, meta: { c: c.id }, duplicates: [c, c, c] }), 100);
    checkLimits(domainFormView({ c: c.id, v: "V1" }), 100);
    checkLimits(contractFormView({ c: c.id, v: "V1" }), 100);
    checkLimits(taskFormView({ c: c.id, v: "V1" }, "U1"), 100);
    const items = Array.from({ length: SEARCH_PAGE_SIZE }, () => c);
    checkLimits(searchResultsMessage({ query: EVIL, items, total: 9999, page: 3 }), 50);
    checkLimits(searchResultsMessage({ query: EVIL, items: [], total: 0, page: 0 }), 50);
    checkLimits(searchModal({ query: EVIL, items, total: 9999, page: 0 }), 100);

    const inquiry = (i: number) => ({
      id: id(i),
      name: EVIL,
      email: EVIL,
      company: EVIL,
      phone: EVIL,
      receivedAt: NOW,
    });
    const invitation = (i: number) => ({
      id: id(i),
      name: EVIL,
      email: EVIL,
      company: EVIL,
      customerNumber: EVIL,
      accessLevel: "partial" as const,
      receivedAt: NOW,
    });
    const page = <T>(f: (i: number) => T, size: number) => ({
      items: Array.from({ length: size }, (_, i) => f(i)),
      total: 100_000,
      page: 7,
      pageSize: size,
    });
    checkLimits(inquiriesMessage(page(inquiry, MESSAGE_PAGE_SIZE), NOW), 50);
    checkLimits(invitationsMessage(page(invitation, MESSAGE_PAGE_SIZE), NOW), 50);
    const counts = {
      openInquiries: 100_000,
      oldestInquiryAt: NOW,
      pendingInvitations: 100_000,
      oldestInvitationAt: NOW,
    };
    checkLimits(helpMessage(counts), 50);
    const home = homeView(
      { counts, inquiries: page(inquiry, HOME_PAGE_SIZE), invitations: page(invitation, HOME_PAGE_SIZE) },
      NOW,
    );
    checkLimits(home, 100);
    expect(JSON.stringify(home)).toContain("Seite 8 von 6667");
  });

  it("a Bestehender Kunde option fits 75 characters and carries the id", () => {
    const o = customerOption({
      id: id(7),
      company: EVIL,
      firstName: "Hans",
      lastName: "Müller",
      email: "h@x.de",
    });
    expect(Array.from(o.text.text)).toHaveLength(75);
    expect(o.value).toBe(id(7));
    expect(o.text.type).toBe("plain_text");
  });

  it("says how long something waited, in German", () => {
    const ago = (ms: number) => new Date(NOW.getTime() - ms);
    expect(waitingSince(ago(60_000), NOW)).toBe("seit einer Minute");
    expect(waitingSince(ago(5 * 3_600_000), NOW)).toBe("seit 5 Stunden");
    expect(waitingSince(ago(3 * 86_400_000), NOW)).toBe("seit 3 Tagen");
  });
});
