import { describe, expect, it } from "vitest";
import { blockKitViolations } from "../../blocks/limits.ts";
import {
  erasedModal,
  eraseLoadingModal,
  eraseModal,
  NOTHING_STORED_TEXT,
  nothingStoredModal,
} from "../../blocks/privacy/erase-modal.ts";
import { ERASED_TEXT, erasedRequestMessage } from "../../blocks/privacy/erased-message.ts";
import type { PersonalDataReport } from "../../domain/privacy/privacy-service.ts";

const report = (names: string[], count: number): PersonalDataReport => ({
  email: "anna@example.com",
  data: {
    customers: [],
    inquiries: [],
    invitations: [],
    notes: [],
    followUps: [],
    conversation: [],
    auditEntries: [],
    outboxJobs: [],
    mails: [],
    slackMessages: [],
    threadMessages: [],
    digestMessages: [],
  },
  counts: [
    { key: "customers", label: "Kunden", count },
    { key: "inquiries", label: "Anfragen", count: 0 },
  ],
  names,
  empty: false,
});

const modalViolations = (v: ReturnType<typeof eraseModal>) =>
  blockKitViolations("modal", v.blocks, {
    title: v.title.text,
    ...(v.submit ? { submit: v.submit.text } : {}),
    ...(v.close ? { close: v.close.text } : {}),
    ...(v.private_metadata !== undefined ? { privateMetadata: v.private_metadata } : {}),
    ...(v.callback_id ? { callbackId: v.callback_id } : {}),
  });

describe("privacy views", () => {
  it("list the non-empty kinds and the names as plain text, within Slack's limits, also with hostile and huge names", () => {
    const hostile = eraseModal(
      report(["<!channel> <https://x|y>", "x".repeat(5000)], 3),
      '{"email":"a@b.de"}',
    );
    expect(modalViolations(hostile)).toEqual([]);
    const text = JSON.stringify(hostile.blocks);
    expect(text).toContain("Kunden: 3");
    expect(text).not.toContain("Anfragen: 0");
    const sections = hostile.blocks as { type: string; text?: { type: string } }[];
    expect(sections.every((b) => b.type !== "section" || b.text?.type === "plain_text")).toBe(true);
    expect(hostile.submit?.text).toBe("Endgültig löschen");
    expect(modalViolations(eraseModal(report([], 1), '{"email":"a@b.de"}'))).toEqual([]);
    for (const v of [eraseLoadingModal(), erasedModal(report([], 2).counts), nothingStoredModal()]) {
      expect(modalViolations(v)).toEqual([]);
      expect(v.submit).toBeUndefined();
    }
    expect(JSON.stringify(nothingStoredModal())).toContain(NOTHING_STORED_TEXT);
  });

  it("render an erased request's message without data and without buttons", () => {
    for (const kind of ["inquiry", "invitation"] as const) {
      const m = erasedRequestMessage(kind);
      expect(blockKitViolations("message", m.blocks, { text: m.text })).toEqual([]);
      expect(m.text).toContain(ERASED_TEXT);
      expect(m.blocks.some((b) => b.type === "actions")).toBe(false);
    }
  });
});
