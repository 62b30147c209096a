import { beforeEach, describe, expect, it } from "vitest";
import { loadReport } from "../../../domain/report/report.ts";
import { isoWeek, reportWeeks } from "../../../domain/report/report-weeks.ts";
import { dbKinds } from "../../support/db.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";

const BERLIN = "Europe/Berlin";

describe("reportWeeks", () => {
  it("numbers weeks as ISO 8601 does, also at the turn of the year", () => {
    expect(isoWeek({ year: 2026, month: 12, day: 7 })).toEqual({ week: 50, weekYear: 2026 });
    // 2027-01-01 is a Friday: it belongs to the last week of 2026, which has 53 weeks.
    expect(isoWeek({ year: 2027, month: 1, day: 1 })).toEqual({ week: 53, weekYear: 2026 });
    expect(isoWeek({ year: 2027, month: 1, day: 4 })).toEqual({ week: 1, weekYear: 2027 });
    expect(isoWeek({ year: 2024, month: 12, day: 30 })).toEqual({ week: 1, weekYear: 2025 });
  });

  it("gives 12 full Monday-to-Sunday weeks and the current one so far", () => {
    const now = new Date("2026-12-09T10:00:00Z"); // a Wednesday
    const weeks = reportWeeks(now, BERLIN);
    expect(weeks).toHaveLength(13);
    const current = weeks[12];
    expect(current).toMatchObject({ week: 50, partial: true, end: now });
    // Monday 2026-12-07 00:00 in Berlin is 23:00 UTC the day before.
    expect(current?.start.toISOString()).toBe("2026-12-06T23:00:00.000Z");
    expect(weeks[0]).toMatchObject({ week: 38, partial: false });
    for (let i = 0; i < 12; i++) expect(weeks[i]?.end).toEqual(weeks[i + 1]?.start);
  });

  it("keeps wall-clock Mondays across daylight-saving changes (weeks of 167 and 169 hours)", () => {
    const weeks = reportWeeks(new Date("2026-11-04T12:00:00Z"), BERLIN);
    const hours = (w: { start: Date; end: Date }) => (w.end.getTime() - w.start.getTime()) / 3_600_000;
    const spring = weeks.find((w) => w.start.toISOString() === "2026-03-22T23:00:00.000Z");
    // Not in this span: look at the autumn change instead (2026-10-25, clocks go back).
    expect(spring).toBeUndefined();
    const autumn = weeks.find((w) => w.start.toISOString() === "2026-10-18T22:00:00.000Z");
    expect(autumn && hours(autumn)).toBe(169);
    const springWeeks = reportWeeks(new Date("2026-04-15T12:00:00Z"), BERLIN);
    const march = springWeeks.find((w) => w.start.toISOString() === "2026-03-22T23:00:00.000Z");
    expect(march && hours(march)).toBe(167);
    expect(march?.end.toISOString()).toBe("2026-03-29T22:00:00.000Z");
  });
});

describe.each(dbKinds())("loadReport on %s", (kind) => {
  const t = useTestDatabase(kind);
  beforeEach(async () => {
    await t.db.prisma.auditEntry.deleteMany();
    await t.db.prisma.invitation.deleteMany();
    await t.db.prisma.inquiry.deleteMany();
  });

  let n = 0;
  const inquiry = (receivedAt: string, over: Record<string, unknown> = {}) =>
    t.db.prisma.inquiry.create({
      data: { name: `Anfrage ${++n}`, email: `q${n}@example.com`, receivedAt: new Date(receivedAt), ...over },
      select: { id: true },
    });
  const invitation = (receivedAt: string, over: Record<string, unknown> = {}) =>
    t.db.prisma.invitation.create({
      data: {
        name: `Einladung ${++n}`,
        email: `p${n}@example.com`,
        accessLevel: "full",
        receivedAt: new Date(receivedAt),
        ...over,
      },
      select: { id: true },
    });
  const taken = (kind: "inquiry" | "invitation", id: string, at: string, actor = "U0ANNA0001") =>
    t.db.prisma.auditEntry.create({
      data: { actor, action: `${kind}.taken`, entityType: kind, entityId: id, createdAt: new Date(at) },
    });
  const decided = (at: string, by = "U0ANNA0001") => ({ decidedAt: new Date(at), decidedBy: by });

  // Now: Wednesday 2026-04-08 12:00 Berlin. Current week KW 15 (from Mon 2026-04-06),
  // last full week KW 14 (2026-03-30 – 04-05), the week before KW 13 (03-23 – 03-29, 167 hours).
  const NOW = new Date("2026-04-08T10:00:00Z");

  it("counts a hand-made set of requests per week, source and kind, with the median reaction", async () => {
    // KW 13: Sunday 23:30 CEST is still KW 13 (21:30 UTC); Monday 00:30 CEST is KW 14 (22:30 UTC).
    const a = await inquiry("2026-03-29T21:30:00Z", { source: "api", ...decided("2026-03-29T21:40:00Z") });
    const b = await inquiry("2026-03-29T22:30:00Z", { source: "email" });
    await taken("inquiry", b.id, "2026-03-29T23:30:00Z"); // 60 min
    await taken("inquiry", b.id, "2026-03-30T05:00:00Z", "U0BEN00001"); // a later take does not count
    // KW 14: four more, three with reactions of 30, 90 and 120 minutes, one without any.
    const c = await invitation("2026-03-31T08:00:00Z", {
      status: "declined",
      ...decided("2026-03-31T09:30:00Z", "U0BEN00001"),
    }); // 90 min
    const d = await inquiry("2026-04-01T08:00:00Z", { source: "manual" });
    await taken("inquiry", d.id, "2026-04-01T08:30:00Z"); // 30 min, earlier than its decision
    await t.db.prisma.inquiry.update({
      where: { id: d.id },
      data: { status: "assigned", ...decided("2026-04-01T09:00:00Z") },
    });
    const e = await inquiry("2026-04-02T08:00:00Z", { source: "api", ...decided("2026-04-02T10:00:00Z") }); // 120
    // An answer came 20 minutes after arrival, before its decision: that is e's first reaction.
    await t.db.prisma.auditEntry.create({
      data: {
        actor: "U0BEN00001",
        action: "inquiry.answered",
        entityType: "inquiry",
        entityId: e.id,
        createdAt: new Date("2026-04-02T08:20:00Z"),
      },
    });
    // A second answer in KW 15 (to b): counts as an answer of KW 15, not as b's reaction.
    await t.db.prisma.auditEntry.create({
      data: {
        actor: "U0ANNA0001",
        action: "inquiry.answered",
        entityType: "inquiry",
        entityId: b.id,
        createdAt: new Date("2026-04-07T08:00:00Z"),
      },
    });
    // Phases: d won in KW 14 (twice: won, offer, won again counts once), e lost in KW 14, b won in KW 15.
    const phase = (id: string, to: string, at: string) =>
      t.db.prisma.auditEntry.create({
        data: {
          actor: "U0ANNA0001",
          action: "inquiry.phase_changed",
          entityType: "inquiry",
          entityId: id,
          before: { phase: "contacted" },
          after: { phase: to },
          createdAt: new Date(at),
        },
      });
    await phase(d.id, "won", "2026-04-01T10:00:00Z");
    await phase(d.id, "offer", "2026-04-01T11:00:00Z");
    await phase(d.id, "won", "2026-04-01T12:00:00Z");
    await phase(e.id, "lost", "2026-04-03T12:00:00Z");
    await phase(b.id, "won", "2026-04-07T12:00:00Z");
    await inquiry("2026-04-03T08:00:00Z", { source: "email" }); // no reaction yet
    // KW 15 (current, so far): one invitation, taken after 5 minutes.
    const f = await invitation("2026-04-06T08:00:00Z");
    await taken("invitation", f.id, "2026-04-06T08:05:00Z");
    // Before the span (KW 2): not counted anywhere.
    await inquiry("2026-01-05T08:00:00Z", { ...decided("2026-01-05T09:00:00Z") });
    void a;
    void c;

    const report = await loadReport(t.db.prisma, { now: NOW, timeZone: BERLIN, invitationsEnabled: true });
    expect(report.weeks).toHaveLength(13);
    expect(report.weeks.map((w) => w.label)).toEqual([
      "KW 3",
      "KW 4",
      "KW 5",
      "KW 6",
      "KW 7",
      "KW 8",
      "KW 9",
      "KW 10",
      "KW 11",
      "KW 12",
      "KW 13",
      "KW 14",
      "KW 15",
    ]);
    const byLabel = Object.fromEntries(report.weeks.map((w) => [w.label, w]));
    expect(byLabel["KW 13"]).toMatchObject({
      received: { api: 1, email: 0, manual: 0 },
      inquiries: 1,
      invitations: 0,
      decisions: 1, // a: decided 2026-03-29 21:40 UTC (Sunday 23:40 CEST)
      reactionMedianMinutes: 10,
      reactions: 1,
    });
    // KW 14: b (email, 60), c (invitation → api, 90), d (manual, 30), e (api, answered after 20),
    // the last email without one. Reactions 20, 30, 60, 90: an even count, the mean of the middle two: 45.
    expect(byLabel["KW 14"]).toMatchObject({
      received: { api: 2, email: 2, manual: 1 },
      inquiries: 4,
      invitations: 1,
      decisions: 3, // c, d, e
      answers: 1, // Ben's answer to e
      won: 1,
      lost: 1,
      reactionMedianMinutes: 45,
      reactions: 4,
      partial: false,
    });
    expect(byLabel["KW 15"]).toMatchObject({
      received: { api: 1, email: 0, manual: 0 },
      invitations: 1,
      decisions: 0,
      answers: 1,
      won: 1,
      lost: 0,
      reactionMedianMinutes: 5,
      partial: true,
    });
    // An empty week.
    expect(byLabel["KW 10"]).toMatchObject({
      received: { api: 0, email: 0, manual: 0 },
      decisions: 0,
      reactionMedianMinutes: null,
      reactions: 0,
    });
    // Per member, last full week (KW 14): Anna decided d and e; Ben decided c and answered e.
    expect(report.members).toEqual([
      { user: "U0ANNA0001", decisions: 2, answers: 0 },
      { user: "U0BEN00001", decisions: 1, answers: 1 },
    ]);
    expect(report.weeks.at(-2)?.label).toBe("KW 14");
    // No personal data of prospects: nothing of names or addresses in the whole report.
    expect(JSON.stringify(report)).not.toMatch(/Anfrage|Einladung|example\.com/);
  });

  it("takes the middle value of an odd count", async () => {
    for (const minutes of [10, 40, 1000]) {
      await inquiry("2026-03-31T08:00:00Z", {
        ...decided(new Date(Date.parse("2026-03-31T08:00:00Z") + minutes * 60_000).toISOString()),
      });
    }
    const report = await loadReport(t.db.prisma, { now: NOW, timeZone: BERLIN, invitationsEnabled: true });
    expect(report.weeks.at(-2)).toMatchObject({ reactionMedianMinutes: 40, reactions: 3, decisions: 3 });
  });
});
