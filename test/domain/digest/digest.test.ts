import { beforeEach, describe, expect, it } from "vitest";
import { digestMessage } from "../../../blocks/digest.ts";
import { blockKitViolations } from "../../../blocks/limits.ts";
import { loadDigest } from "../../../domain/digest/digest.ts";
import { dbKinds } from "../../support/db.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";

const BERLIN = "Europe/Berlin";
const options = (now: string, over: { invitationsEnabled?: boolean; overdueDays?: number } = {}) => ({
  now: new Date(now),
  timeZone: BERLIN,
  overdueDays: over.overdueDays ?? 3,
  invitationsEnabled: over.invitationsEnabled ?? true,
});

describe.each(dbKinds())("loadDigest on %s", (kind) => {
  const t = useTestDatabase(kind);
  beforeEach(async () => {
    await t.db.prisma.invitation.deleteMany();
    await t.db.prisma.inquiry.deleteMany();
  });

  let n = 0;
  const invitation = (receivedAt: string, over: Record<string, unknown> = {}) =>
    t.db.prisma.invitation.create({
      data: {
        name: `Interessent ${++n}`,
        email: `p${n}@example.com`,
        accessLevel: "full",
        receivedAt: new Date(receivedAt),
        ...over,
      },
      select: { id: true },
    });
  const inquiry = (receivedAt: string, over: Record<string, unknown> = {}) =>
    t.db.prisma.inquiry.create({
      data: { name: `Anfrage ${++n}`, email: `q${n}@example.com`, receivedAt: new Date(receivedAt), ...over },
      select: { id: true },
    });

  it("is undefined when nothing is pending (open inquiries alone do not count)", async () => {
    await inquiry("2026-03-01T10:00:00Z");
    await invitation("2026-03-01T10:00:00Z", { status: "connected" });
    expect(await loadDigest(t.db.prisma, options("2026-03-10T10:00:00Z"))).toBeUndefined();
  });

  it("lists pending invitations oldest first with access level, age, overdue mark and message", async () => {
    await invitation("2026-03-09T08:00:00Z", { accessLevel: "partial" });
    await invitation("2026-03-02T08:00:00Z", { slackChannel: "CTEAM0001", slackTs: "1700000001.000001" });
    await invitation("2026-03-07T08:00:00Z", {
      takenBy: "U0ANNA0001",
      takenAt: new Date("2026-03-08T08:00:00Z"),
    });
    await invitation("2026-03-01T08:00:00Z", { status: "declined" });
    await inquiry("2026-03-05T08:00:00Z");
    await inquiry("2026-03-05T08:00:00Z", { status: "assigned" });

    const d = await loadDigest(t.db.prisma, options("2026-03-10T09:00:00Z"));
    expect(d).toMatchObject({
      subject: "invitations",
      pendingInvitations: 3,
      openInquiries: 1,
      overdue: 1,
      more: 0,
    });
    expect(d?.entries.map((e) => [e.ageDays, e.overdue, e.accessLevel])).toEqual([
      [8, true, "full"],
      [3, false, "full"],
      [1, false, "partial"],
    ]);
    expect(d?.entries[0]?.message).toEqual({ channel: "CTEAM0001", ts: "1700000001.000001" });
    expect(d?.entries[1]?.message).toBeUndefined();
    expect(d?.entries.map((e) => e.takenBy)).toEqual([undefined, "U0ANNA0001", undefined]);
  });

  it("counts all requests in each phase, decided or not, and the message names the phases", async () => {
    await invitation("2026-03-09T08:00:00Z");
    await invitation("2026-03-01T08:00:00Z", { status: "declined", phase: "lost" });
    await inquiry("2026-03-05T08:00:00Z", { phase: "offer" });
    await inquiry("2026-03-05T08:00:00Z", { status: "assigned", phase: "won" });
    await inquiry("2026-03-06T08:00:00Z", { phase: "won" });

    const d = await loadDigest(t.db.prisma, options("2026-03-10T09:00:00Z"));
    expect(d?.phases).toEqual([
      { phase: "new", count: 1 },
      { phase: "contacted", count: 0 },
      { phase: "offer", count: 1 },
      { phase: "won", count: 2 },
      { phase: "lost", count: 1 },
    ]);
    const message = digestMessage(d as NonNullable<typeof d>);
    expect(JSON.stringify(message.blocks)).toContain(
      "Phasen: Neu 1 · In Kontakt 0 · Angebot 1 · Gewonnen 2 · Verloren 1",
    );
    expect(blockKitViolations("message", message.blocks, { text: message.text })).toEqual([]);
  });

  it("counts calendar days in Berlin across the spring change (a 23-hour day is still yesterday)", async () => {
    // Sat 28 March 23:30 CET → Sun 29 March 23:30 CEST: 23 hours, one calendar day.
    await invitation("2026-03-28T22:30:00Z");
    const d = await loadDigest(t.db.prisma, options("2026-03-29T21:30:00Z"));
    expect(d?.entries[0]?.ageDays).toBe(1);
    expect(JSON.stringify(digestMessage(d as NonNullable<typeof d>).blocks)).toContain("seit gestern");
  });

  it("counts calendar days in Berlin across the autumn change (25 hours within one day is today)", async () => {
    // Sun 25 October 00:30 CEST → 23:59 CET the same day: 24.5 hours, the same calendar day.
    await invitation("2026-10-24T22:30:00Z");
    const d = await loadDigest(t.db.prisma, options("2026-10-25T22:59:00Z"));
    expect(d?.entries[0]?.ageDays).toBe(0);
  });

  it("counts a request from late yesterday evening as yesterday, not by its hours", async () => {
    await invitation("2026-03-09T22:30:00Z"); // 23:30 Berlin, 9 March
    const d = await loadDigest(t.db.prisma, options("2026-03-10T05:00:00Z")); // 06:00 Berlin, 10 March
    expect(d?.entries[0]?.ageDays).toBe(1);
  });

  it("marks overdue only after more than DIGEST_OVERDUE_DAYS calendar days", async () => {
    await invitation("2026-03-06T22:59:00Z"); // 23:59 Berlin, 6 March: 4 days on 10 March
    await invitation("2026-03-06T23:00:00Z"); // 00:00 Berlin, 7 March: 3 days
    const d = await loadDigest(t.db.prisma, options("2026-03-10T12:00:00Z"));
    expect(d?.overdue).toBe(1);
    expect(d?.entries.map((e) => e.overdue)).toEqual([true, false]);
    expect(
      (await loadDigest(t.db.prisma, options("2026-03-10T12:00:00Z", { overdueDays: 4 })))?.overdue,
    ).toBe(0);
  });

  it("covers open inquiries only in the ISV partner program", async () => {
    await invitation("2026-03-01T08:00:00Z");
    expect(
      await loadDigest(t.db.prisma, options("2026-03-10T09:00:00Z", { invitationsEnabled: false })),
    ).toBeUndefined();
    await inquiry("2026-03-02T08:00:00Z");
    const d = await loadDigest(t.db.prisma, options("2026-03-10T09:00:00Z", { invitationsEnabled: false }));
    expect(d).toMatchObject({ subject: "inquiries", openInquiries: 1, overdue: 1 });
    expect(d?.pendingInvitations).toBeUndefined();
    expect(d?.entries[0]?.accessLevel).toBeUndefined();
  });

  it("lists the oldest 20 of 500 pending invitations, counts the rest, and stays within Block Kit limits", async () => {
    const base = Date.parse("2025-01-01T00:00:00Z");
    await t.db.prisma.invitation.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        name: `${"<!channel> & ".repeat(15)}${i}`.slice(0, 200),
        email: `bulk${i}@example.com`,
        accessLevel: i % 2 === 0 ? ("full" as const) : ("partial" as const),
        receivedAt: new Date(base + (500 - i) * 3_600_000),
        slackChannel: "CTEAM0001",
        slackTs: `${1_700_000_000 + i}.000100`,
      })),
    });
    const d = await loadDigest(t.db.prisma, options("2026-03-10T09:00:00Z"));
    expect(d?.entries).toHaveLength(20);
    expect(d?.more).toBe(480);
    expect(d?.overdue).toBe(500);
    expect(d?.entries[0]?.name.endsWith("499")).toBe(true);
    const { text, blocks } = digestMessage(d as NonNullable<typeof d>, {
      workspaceUrl: "https://agentur.slack.com/",
    });
    expect(blockKitViolations("message", blocks, { text })).toEqual([]);
    expect(text.length).toBeGreaterThan(0);
    expect(JSON.stringify(blocks)).toContain("… und 480 weitere");
  });
});
