import { beforeEach, describe, expect, it } from "vitest";
import { ActionId, FollowUpBlock } from "../../blocks/ids.ts";
import { blockKitViolations } from "../../blocks/limits.ts";
import { deleteFollowUp, setFollowUp } from "../../domain/follow-ups/follow-up-repository.ts";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { blockAction, nthView, type SentView, submit } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

/**
 * The App Home lists Meine Wiedervorlagen: follow-ups on requests the viewer holds or set, soonest
 * first, overdue ones marked, until replaced or deleted or the request is Gewonnen or Verloren.
 */
describe("App Home: Meine Wiedervorlagen", () => {
  // Monday 7 December 2026, 11:00 in Berlin.
  const NOW = new Date("2026-12-07T10:00:00Z");
  const VIEWER = "U0MEMBER01";
  const OTHER = "U0MEMBER02";
  const t = useTestApp({ members: [VIEWER, OTHER], now: () => NOW });

  // One database for the file: each test starts without follow-ups.
  beforeEach(async () => {
    await t.app.deps.prisma.followUp.deleteMany({});
  });

  async function openHome(user = VIEWER): Promise<SentView> {
    const n = t.standin.okCallsOf("views.publish").length;
    const res = await t.app.event({ type: "app_home_opened", user, channel: "D1", tab: "home" });
    expect(res.status).toBe(200);
    return nthView(t.standin, "views.publish", n + 1);
  }

  /** The Home's follow-up sections, in order, as their mrkdwn texts. */
  const followUps = (home: SentView) =>
    (
      (home.blocks.find((b) => b.block_id === "home_follow_ups_list")?.text as { text: string } | undefined)
        ?.text ?? ""
    )
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("_und "));
  const header = (home: SentView) =>
    (home.blocks.find((b) => b.block_id === "home_follow_ups")?.text as { text: string } | undefined)?.text;

  const set = (kind: "inquiry" | "invitation", requestId: string, dueAt: string, setBy: string, note = "") =>
    setFollowUp(t.app.deps.prisma, {
      kind,
      requestId,
      dueAt: new Date(dueAt),
      note: note || null,
      setBy,
      now: NOW,
    });

  it("an empty state when the viewer has none; someone else's are not shown", async () => {
    const prisma = t.app.deps.prisma;
    const theirs = await seedInquiry(prisma, { name: "Fremde Anfrage" });
    await prisma.inquiry.update({ where: { id: theirs.id }, data: { takenBy: OTHER } });
    await set("inquiry", theirs.id, "2026-12-08T08:00:00Z", OTHER);

    const home = await openHome();
    expect(header(home)).toBe("Meine Wiedervorlagen (0)");
    expect(JSON.stringify(home.blocks)).toContain("Keine Wiedervorlagen.");
    expect(followUps(home)).toEqual([]);

    const theirHome = await openHome(OTHER);
    expect(followUps(theirHome)).toHaveLength(1);
    expect(followUps(theirHome)[0]).toContain("Fremde Anfrage");
  });

  it("held or set by the viewer, soonest first, overdue marked, with date, name, note and link", async () => {
    const prisma = t.app.deps.prisma;
    // Held by the viewer, set by someone else, due tomorrow 09:00 Berlin.
    const held = await seedInquiry(prisma, {
      name: "Eva <@U0HACK> Schäfer",
      company: "Bäckerei *Schäfer*",
      slackTs: "1700000000.000200",
    });
    await prisma.inquiry.update({ where: { id: held.id }, data: { takenBy: VIEWER } });
    await set("inquiry", held.id, "2026-12-08T08:00:00Z", OTHER, `Angebot nachfassen ${"x".repeat(400)}`);
    // Set by the viewer on an invitation somebody else holds, overdue since yesterday.
    const setByMe = await seedInvitation(prisma, { name: "Klaus Weber", slackTs: "1700000000.000300" });
    await prisma.invitation.update({ where: { id: setByMe.id }, data: { takenBy: OTHER } });
    await set("invitation", setByMe.id, "2026-12-06T08:00:00Z", VIEWER, "Rückruf");

    const home = await openHome();
    expect(blockKitViolations("home", home.blocks)).toEqual([]);
    expect(header(home)).toBe("Meine Wiedervorlagen (2)");
    const [first = "", second = ""] = followUps(home);
    expect(first).toContain(":alarm_clock: *überfällig*");
    expect(first).toContain("*gestern um 09:00*");
    expect(first).toContain(
      "Einladung <https://standin.slack.test/archives/CTEAM0001/p1700000000000300|Klaus Weber",
    );
    expect(first).toMatch(/ · Notiz: Rückruf$/);
    expect(second).not.toContain("überfällig");
    expect(second).toMatch(/^• /);
    expect(second).toContain("*morgen um 09:00*");
    // Outside text is escaped: no mention, no formatting of ours broken.
    expect(second).toContain("Eva &lt;@U0HACK&gt; Schäfer");
    expect(second).not.toContain("<@U0HACK>");
    // The note is shortened.
    expect(second.length).toBeLessThan(300);
    expect(second).toContain("…");
    // Meine Wiedervorlagen comes before the lists.
    const index = (id: string) => home.blocks.findIndex((b) => b.block_id === id);
    expect(index("home_follow_ups")).toBeGreaterThan(index("home_counts"));
  });

  it("Gewonnen, Verloren and erased requests drop out; a replaced follow-up shows its new date, a deleted one is gone", async () => {
    const prisma = t.app.deps.prisma;
    const mk = async (name: string) => {
      const r = await seedInquiry(prisma, { name });
      await prisma.inquiry.update({ where: { id: r.id }, data: { takenBy: VIEWER } });
      return r;
    };
    const won = await mk("Gewonnene");
    const lost = await mk("Verlorene");
    const erased = await mk("Gelöschte");
    const replaced = await mk("Ersetzte");
    const deleted = await mk("Entfernte");
    const decidedButOpen = await seedInvitation(prisma, { name: "Verbunden, in Angebot" });
    await prisma.invitation.update({
      where: { id: decidedButOpen.id },
      data: { status: "connected", phase: "offer" },
    });
    for (const r of [won, lost, erased, replaced, deleted])
      await set("inquiry", r.id, "2026-12-09T08:00:00Z", OTHER);
    await set("invitation", decidedButOpen.id, "2026-12-10T08:00:00Z", VIEWER);
    await prisma.inquiry.update({ where: { id: won.id }, data: { phase: "won" } });
    await prisma.inquiry.update({ where: { id: lost.id }, data: { phase: "lost" } });
    await prisma.inquiry.update({ where: { id: erased.id }, data: { erasedAt: NOW } });

    let texts = followUps(await openHome()).join("\n");
    for (const gone of ["Gewonnene", "Verlorene", "Gelöschte"]) expect(texts).not.toContain(gone);
    expect(texts).toContain("Ersetzte");
    expect(texts).toContain("Entfernte");
    // A decided request in an open phase still has its follow-up listed.
    expect(texts).toContain("Verbunden, in Angebot");

    await set("inquiry", replaced.id, "2026-12-20T08:00:00Z", OTHER, "neu gesetzt");
    await deleteFollowUp(prisma, { kind: "inquiry", requestId: deleted.id });
    const home = await openHome();
    texts = followUps(home).join("\n");
    expect(texts).not.toContain("Entfernte");
    expect(followUps(home)).toHaveLength(2);
    expect(followUps(home)[1]).toContain("Ersetzte");
    expect(followUps(home)[1]).toContain("*am 20. Dezember um 09:00*");
    expect(followUps(home)[1]).toContain("neu gesetzt");
  });

  it("lists ten and counts the rest", async () => {
    const prisma = t.app.deps.prisma;
    for (let i = 0; i < 13; i++) {
      const r = await seedInquiry(prisma, { name: `Anfrage ${String(i).padStart(2, "0")}` });
      await set("inquiry", r.id, `2026-12-${String(10 + i).padStart(2, "0")}T08:00:00Z`, VIEWER);
    }
    const home = await openHome();
    expect(header(home)).toBe("Meine Wiedervorlagen (13)");
    const listed = followUps(home);
    expect(listed).toHaveLength(10);
    expect(listed[0]).toContain("Anfrage 00");
    expect(listed[9]).toContain("Anfrage 09");
    expect(JSON.stringify(home.blocks)).toContain("_und 3 weitere_");
    expect(blockKitViolations("home", home.blocks)).toEqual([]);
  });

  it("setting one in the modal and Wiedervorlage löschen publish the setter's Home at once", async () => {
    const prisma = t.app.deps.prisma;
    const r = await seedInquiry(prisma, { name: "Per Modal", slackTs: "1700000000.000900" });
    const homesBefore = t.standin.okCallsOf("views.publish").length;
    const opened = t.standin.okCallsOf("views.open").length;
    await t.app.interact(
      blockAction({
        user: VIEWER,
        actionId: ActionId.followUp,
        value: `inquiry:${r.id}`,
        responseUrl: t.standin.responseUrl(),
      }),
    );
    const modal = await nthView(t.standin, "views.open", opened + 1);
    const res = await submit(
      t.app,
      modal,
      {
        [FollowUpBlock.date]: { value: { type: "datepicker", selected_date: "2026-12-09" } },
        [FollowUpBlock.time]: {
          value: { type: "timepicker", selected_time: "14:30", timezone: "Europe/Berlin" },
        },
        [FollowUpBlock.note]: { value: { type: "plain_text_input", value: "Vertrag schicken" } },
      },
      VIEWER,
    );
    expect(res.status).toBe(200);
    const afterSet = await nthView(t.standin, "views.publish", homesBefore + 1);
    expect(t.standin.okCallsOf("views.publish")[homesBefore]?.args.user_id).toBe(VIEWER);
    expect(followUps(afterSet)).toEqual([
      expect.stringMatching(
        /^• \*am 9\. Dezember um 14:30\* · Anfrage <[^|]+\|Per Modal \(Bäckerei Müller\)> · Notiz: Vertrag schicken$/,
      ),
    ]);

    const reopened = t.standin.okCallsOf("views.open").length;
    await t.app.interact(
      blockAction({
        user: VIEWER,
        actionId: ActionId.followUp,
        value: `inquiry:${r.id}`,
        responseUrl: t.standin.responseUrl(),
      }),
    );
    const second = await nthView(t.standin, "views.open", reopened + 1);
    await t.app.interact(
      blockAction({
        user: VIEWER,
        actionId: ActionId.deleteFollowUp,
        value: `inquiry:${r.id}`,
        view: second,
      }),
    );
    const afterDelete = await nthView(t.standin, "views.publish", homesBefore + 2);
    expect(followUps(afterDelete)).toEqual([]);
    expect(header(afterDelete)).toBe("Meine Wiedervorlagen (0)");
  });
});
