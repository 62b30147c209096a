import { describe, expect, it } from "vitest";
import {
  claimFollowUp,
  deleteFollowUp,
  findFollowUp,
  findFollowUpsForMember,
  listDueFollowUps,
  setFollowUp,
} from "../../../domain/follow-ups/follow-up-repository.ts";
import { dbKinds } from "../../support/db.ts";
import { seedInquiry, seedInvitation } from "../../support/fixtures.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";

const NOW = new Date("2026-12-07T10:00:00Z");
const at = (iso: string) => new Date(iso);

describe.each(dbKinds())("follow-ups (%s)", (kind) => {
  const t = useTestDatabase(kind);
  const prisma = () => t.db.prisma;

  it("a request has one follow-up: a new one replaces the old (a new id, so the old one's claim fails)", async () => {
    const inquiry = await seedInquiry(prisma());
    const first = await setFollowUp(prisma(), {
      kind: "inquiry",
      requestId: inquiry.id,
      dueAt: at("2026-12-07T09:00:00Z"),
      note: "anrufen",
      setBy: "UANNA",
      now: NOW,
    });
    expect(first.replaced).toBeNull();
    const second = await prisma().$transaction((tx) =>
      setFollowUp(tx, {
        kind: "inquiry",
        requestId: inquiry.id,
        dueAt: at("2026-12-09T08:00:00Z"),
        note: null,
        setBy: "UBEN",
        now: NOW,
      }),
    );
    expect(second.replaced?.id).toBe(first.followUp.id);
    expect(second.followUp.id).not.toBe(first.followUp.id);
    expect(await prisma().followUp.count()).toBe(1);
    expect(await claimFollowUp(prisma(), first.followUp.id, NOW)).toBe(false);
    expect(await findFollowUp(prisma(), "inquiry", inquiry.id)).toMatchObject({ setBy: "UBEN", note: null });
  });

  it("the claim of a due follow-up succeeds once; one not yet due is not listed and not claimed", async () => {
    const due = await seedInquiry(prisma());
    const later = await seedInvitation(prisma());
    const a = await setFollowUp(prisma(), {
      kind: "inquiry",
      requestId: due.id,
      dueAt: at("2026-12-07T09:59:00Z"),
      note: null,
      setBy: "UANNA",
      now: NOW,
    });
    const b = await setFollowUp(prisma(), {
      kind: "invitation",
      requestId: later.id,
      dueAt: at("2026-12-07T10:01:00Z"),
      note: null,
      setBy: "UANNA",
      now: NOW,
    });
    expect(await listDueFollowUps(prisma(), NOW, 10)).toEqual([
      { id: a.followUp.id, slackChannel: "CTEAM0001" },
    ]);
    expect(await claimFollowUp(prisma(), b.followUp.id, NOW)).toBe(false);
    const claims = await Promise.all([
      claimFollowUp(prisma(), a.followUp.id, NOW),
      claimFollowUp(prisma(), a.followUp.id, NOW),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await listDueFollowUps(prisma(), NOW, 10)).toEqual([]);
  });

  it("Meine Wiedervorlagen: the viewer's (held or set), soonest first, without Gewonnen, Verloren and erased requests", async () => {
    const held = await seedInquiry(prisma());
    await prisma().inquiry.update({ where: { id: held.id }, data: { takenBy: "UCARL" } });
    const setByAnna = await seedInvitation(prisma());
    const others = await seedInquiry(prisma());
    const won = await seedInquiry(prisma());
    await prisma().inquiry.update({ where: { id: won.id }, data: { phase: "won" } });
    const erased = await seedInquiry(prisma());
    await prisma().inquiry.update({ where: { id: erased.id }, data: { erasedAt: NOW } });
    const set = (k: "inquiry" | "invitation", requestId: string, dueAt: string, setBy: string) =>
      setFollowUp(prisma(), { kind: k, requestId, dueAt: at(dueAt), note: "n", setBy, now: NOW });
    await set("inquiry", held.id, "2026-12-10T08:00:00Z", "UBEN");
    await set("invitation", setByAnna.id, "2026-12-01T08:00:00Z", "UCARL");
    await set("inquiry", others.id, "2026-12-02T08:00:00Z", "UBEN");
    await set("inquiry", won.id, "2026-12-03T08:00:00Z", "UCARL");
    await set("inquiry", erased.id, "2026-12-04T08:00:00Z", "UCARL");
    const list = await findFollowUpsForMember(prisma(), "UCARL", { limit: 10 });
    expect(list.map((f) => [f.kind, f.requestId])).toEqual([
      ["invitation", setByAnna.id],
      ["inquiry", held.id],
    ]);
    expect(list[1]).toMatchObject({
      name: "Hans Müller",
      company: "Bäckerei Müller",
      takenBy: "UCARL",
      setBy: "UBEN",
      slackChannel: "CTEAM0001",
      slackTs: "1700000000.000100",
      firedAt: null,
      phase: "new",
    });
    expect(await findFollowUpsForMember(prisma(), "UCARL", { limit: 1 })).toHaveLength(1);
    expect(await deleteFollowUp(prisma(), { kind: "inquiry", requestId: held.id })).not.toBeNull();
    expect(await deleteFollowUp(prisma(), { kind: "inquiry", requestId: held.id })).toBeNull();
    expect(await findFollowUpsForMember(prisma(), "UCARL", { limit: 10 })).toHaveLength(1);
  });
});
