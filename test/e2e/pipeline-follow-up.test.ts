import { beforeEach, describe, expect, it } from "vitest";
import { ActionId, CallbackId, FollowUpBlock } from "../../blocks/ids.ts";
import { PAST_TEXT } from "../../domain/follow-ups/follow-up-service.ts";
import { addDays, type LocalDate, localDateTime, zonedTimeToInstant } from "../../domain/time/calendar.ts";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { blockAction, nthView, type SentView, type StateValues, submit } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

/**
 * Wiedervorlage through signed requests (contract "Pipeline"): the button opens the modal (Datum
 * required, Uhrzeit 09:00 in DIGEST_TIMEZONE, Notiz), a time in the past is refused under the field
 * it belongs to, a new follow-up replaces the old, the message shows the date, the modal of a
 * request with a follow-up offers Wiedervorlage löschen; daylight-saving times are moved or chosen
 * as the modal says.
 */

const TZ = "Europe/Berlin";
const ANNA = "U0ANNA0001";
const BEN = "U0BEN00001";
const pad = (n: number) => String(n).padStart(2, "0");
const iso = (d: LocalDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

/** The injected clock: tomorrow at 12:00 in Berlin (ahead of the real time the outbox stamps jobs with). */
const TODAY = addDays(localDateTime(new Date(), TZ), 1);
const NOON = zonedTimeToInstant({ ...TODAY, hour: 12, minute: 0, second: 0 }, TZ);

/** The last Sunday of a month: the days Europe's clocks change. */
function lastSunday(year: number, month: number): LocalDate {
  const last = new Date(Date.UTC(year, month, 0));
  const day = last.getUTCDate() - last.getUTCDay();
  return { year, month, day };
}

describe("Wiedervorlage", () => {
  let clock = NOON;
  const t = useTestApp({ members: [ANNA, BEN], now: () => clock, env: { DIGEST_TIMEZONE: TZ } });
  beforeEach(() => {
    t.standin.reset();
    clock = NOON;
  });
  const prisma = () => t.app.deps.prisma;

  const openModal = async (kind: "inquiry" | "invitation", id: string, user = ANNA): Promise<SentView> => {
    const opened = t.standin.okCallsOf("views.open").length;
    const res = await t.app.interact(
      blockAction({
        user,
        actionId: ActionId.followUp,
        value: `${kind}:${id}`,
        responseUrl: t.standin.responseUrl(),
      }),
    );
    expect(res.status).toBe(200);
    return nthView(t.standin, "views.open", opened + 1);
  };
  const values = (date: string | null, time: string | null, note: string | null = null): StateValues => ({
    [FollowUpBlock.date]: { value: { type: "datepicker", selected_date: date } },
    [FollowUpBlock.time]: { value: { type: "timepicker", selected_time: time, timezone: TZ } },
    [FollowUpBlock.note]: { value: { type: "plain_text_input", value: note } },
  });
  const refreshedWith = (ts: string, needle: string) =>
    t.standin.waitFor(
      (s) =>
        s
          .okCallsOf("chat.update")
          .some((c) => c.args.ts === ts && JSON.stringify(c.args.blocks).includes(needle)),
      5_000,
      `the refreshed message with ${needle}`,
    );

  it("opens the modal: Datum required (datepicker), Uhrzeit optional at 09:00 in DIGEST_TIMEZONE, Notiz optional; no Löschen yet", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000501.000001" });
    const view = await openModal("inquiry", inquiry.id);
    expect(view.callback_id).toBe(CallbackId.followUp);
    expect(view.title).toMatchObject({ text: "Wiedervorlage" });
    const block = (id: string) =>
      view.blocks.find((b) => b.block_id === id) as unknown as {
        label: { text: string };
        optional?: boolean;
        element: Record<string, unknown>;
      };
    expect(block(FollowUpBlock.date)).toMatchObject({
      label: { text: "Datum" },
      element: { type: "datepicker" },
    });
    expect(block(FollowUpBlock.date).optional).toBeFalsy();
    expect(block(FollowUpBlock.time)).toMatchObject({
      label: { text: "Uhrzeit" },
      optional: true,
      element: { type: "timepicker", initial_time: "09:00", timezone: TZ },
    });
    expect(block(FollowUpBlock.note)).toMatchObject({
      label: { text: "Notiz" },
      optional: true,
      element: { type: "plain_text_input", multiline: true },
    });
    expect(JSON.stringify(view.blocks)).not.toContain("Wiedervorlage löschen");
  });

  it("refuses a time in the past: a past day under Datum, an earlier hour today under Uhrzeit; nothing stored", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000502.000001" });
    const view = await openModal("inquiry", inquiry.id);
    const yesterday = iso(addDays(TODAY, -1));
    expect((await submit(t.app, view, values(yesterday, "15:00"), ANNA)).json()).toEqual({
      response_action: "errors",
      errors: { [FollowUpBlock.date]: PAST_TEXT },
    });
    expect((await submit(t.app, view, values(iso(TODAY), "11:59"), ANNA)).json()).toEqual({
      response_action: "errors",
      errors: { [FollowUpBlock.time]: PAST_TEXT },
    });
    // Without Uhrzeit it is 09:00: today that is past, too.
    expect((await submit(t.app, view, values(iso(TODAY), null), ANNA)).json()).toEqual({
      response_action: "errors",
      errors: { [FollowUpBlock.time]: PAST_TEXT },
    });
    // Slack's client requires Datum; a forged submission without it is refused all the same.
    expect((await submit(t.app, view, values(null, "10:00"), ANNA)).json()).toMatchObject({
      response_action: "errors",
      errors: { [FollowUpBlock.date]: expect.any(String) },
    });
    expect(await prisma().followUp.count({ where: { inquiryId: inquiry.id } })).toBe(0);
    expect(await prisma().auditEntry.count({ where: { entityId: inquiry.id } })).toBe(0);
  });

  it("refuses a note over 1,000 characters or with a NUL character under Notiz (Slack's client checks can be bypassed); nothing stored", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000503.000001" });
    const view = await openModal("inquiry", inquiry.id);
    const tomorrow = iso(addDays(TODAY, 1));
    for (const note of [`<!channel> ${"W".repeat(5000)}`, "Angebot\u0000nachfassen", "halb \ud800 kaputt"]) {
      const res = await submit(t.app, view, values(tomorrow, "10:00", note), ANNA);
      expect(res.status, JSON.stringify(note.slice(0, 20))).toBe(200);
      expect(res.json()).toEqual({
        response_action: "errors",
        errors: { [FollowUpBlock.note]: expect.any(String) },
      });
    }
    expect(await prisma().followUp.count({ where: { inquiryId: inquiry.id } })).toBe(0);
    expect(await prisma().auditEntry.count({ where: { entityId: inquiry.id } })).toBe(0);
  });

  it("sets a follow-up (audited, the message shows the date); reopened it is prefilled; a new one replaces it; Löschen deletes it", async () => {
    const inquiry = await seedInvitation(prisma(), { slackTs: "1700000503.000001" });
    const first = await openModal("invitation", inquiry.id);
    const tomorrow = iso(addDays(TODAY, 1));
    const res = await submit(t.app, first, values(tomorrow, null, "Angebot nachfassen <!channel>"), ANNA);
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    const stored = await prisma().followUp.findUniqueOrThrow({ where: { invitationId: inquiry.id } });
    const nineTomorrow = zonedTimeToInstant({ ...addDays(TODAY, 1), hour: 9, minute: 0, second: 0 }, TZ);
    expect(stored).toMatchObject({
      dueAt: nineTomorrow,
      note: "Angebot nachfassen <!channel>",
      setBy: ANNA,
      firedAt: null,
    });
    const audit = await prisma().auditEntry.findMany({ where: { entityId: inquiry.id } });
    expect(audit.map((a) => [a.actor, a.action, a.after])).toEqual([
      [ANNA, "invitation.follow_up_set", { fields: ["dueAt", "note"] }],
    ]);
    await refreshedWith("1700000503.000001", `Wiedervorlage: *<!date^${nineTomorrow.getTime() / 1000}^`);

    // Reopened: Datum, Uhrzeit and Notiz as stored, and Wiedervorlage löschen.
    const second = await openModal("invitation", inquiry.id, BEN);
    const text = JSON.stringify(second.blocks);
    expect(text).toContain(`"initial_date":"${tomorrow}"`);
    expect(text).toContain(`"initial_time":"09:00"`);
    expect(text).toContain(`"initial_value":"Angebot nachfassen <!channel>"`);
    expect(text).toContain("Wiedervorlage löschen");

    // A new one replaces it: one row, a new id.
    expect((await submit(t.app, second, values(tomorrow, "16:45", null), BEN)).status).toBe(200);
    const replaced = await prisma().followUp.findMany({ where: { invitationId: inquiry.id } });
    expect(replaced).toHaveLength(1);
    expect(replaced[0]?.id).not.toBe(stored.id);
    expect(replaced[0]).toMatchObject({ setBy: BEN, note: null });
    expect(localDateTime(replaced[0]!.dueAt, TZ)).toMatchObject({ hour: 16, minute: 45 });

    // Wiedervorlage löschen, in the modal: gone, audited, the message without it.
    const third = await openModal("invitation", inquiry.id, ANNA);
    t.standin.reset();
    await t.app.interact(
      blockAction({
        user: ANNA,
        actionId: ActionId.deleteFollowUp,
        value: `invitation:${inquiry.id}`,
        view: third,
      }),
    );
    const notice = await nthView(t.standin, "views.update", 1);
    expect(JSON.stringify(notice.blocks)).toContain("Die Wiedervorlage ist gelöscht.");
    expect(await prisma().followUp.count({ where: { invitationId: inquiry.id } })).toBe(0);
    expect(
      (await prisma().auditEntry.findMany({ where: { entityId: inquiry.id }, orderBy: { id: "asc" } })).map(
        (a) => a.action,
      ),
    ).toEqual(["invitation.follow_up_set", "invitation.follow_up_set", "invitation.follow_up_deleted"]);
    await t.standin.waitFor(
      (s) =>
        s
          .okCallsOf("chat.update")
          .some(
            (c) =>
              c.args.ts === "1700000503.000001" && !JSON.stringify(c.args.blocks).includes("Wiedervorlage:"),
          ),
      5_000,
      "the message without the follow-up",
    );
  });

  it("a request erased while the modal was open gets no follow-up: nothing stored or audited", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000506.000001" });
    const view = await openModal("inquiry", inquiry.id);
    await prisma().inquiry.update({ where: { id: inquiry.id }, data: { erasedAt: new Date() } });
    const res = await submit(
      t.app,
      view,
      values(iso(addDays(TODAY, 1)), "10:00", "Frau Muster anrufen"),
      ANNA,
    );
    expect(res.json()).toMatchObject({
      response_action: "update",
      view: { title: { text: "Nicht gefunden" } },
    });
    expect(JSON.stringify(res.json())).toContain("Diese Anfrage gibt es nicht (mehr).");
    expect(await prisma().followUp.count({ where: { inquiryId: inquiry.id } })).toBe(0);
    expect(await prisma().auditEntry.count({ where: { entityId: inquiry.id } })).toBe(0);
  });

  it("the Wiedervorlage button is on open and on decided requests", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000504.000001" });
    await prisma().inquiry.update({
      where: { id: inquiry.id },
      data: { status: "assigned", decidedBy: ANNA, decidedAt: NOW() },
    });
    const view = await openModal("inquiry", inquiry.id);
    expect((await submit(t.app, view, values(iso(addDays(TODAY, 2)), "08:00"), ANNA)).status).toBe(200);
    await refreshedWith("1700000504.000001", ActionId.followUp);
  });

  it("02:30 on the night the clocks go forward is moved to 03:30, and the modal says so", async () => {
    const day = lastSunday(TODAY.year + 1, 3);
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000505.000001" });
    const view = await openModal("inquiry", inquiry.id);
    const res = await submit(t.app, view, values(iso(day), "02:30"), ANNA);
    const body = res.json() as { response_action: string; view: { blocks: unknown[] } };
    expect(body.response_action).toBe("update");
    const text = JSON.stringify(body.view.blocks);
    expect(text).toContain(
      `Die Uhrzeit 02:30 gibt es am ${pad(day.day)}.03.${day.year} nicht (Zeitumstellung)`,
    );
    expect(text).toContain(`${pad(day.day)}.03.${day.year}, 03:30 Uhr`);
    const stored = await prisma().followUp.findUniqueOrThrow({ where: { inquiryId: inquiry.id } });
    expect(stored.dueAt).toEqual(new Date(Date.UTC(day.year, 2, day.day, 1, 30)));
  });

  it("02:30 on the night the clocks go back is the first 02:30 (summer time); the modal just closes", async () => {
    const day = lastSunday(TODAY.year + 1, 10);
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000506.000001" });
    const view = await openModal("inquiry", inquiry.id);
    const res = await submit(t.app, view, values(iso(day), "02:30"), ANNA);
    expect(res.text).toBe("");
    const stored = await prisma().followUp.findUniqueOrThrow({ where: { inquiryId: inquiry.id } });
    expect(stored.dueAt).toEqual(new Date(Date.UTC(day.year, 9, day.day, 0, 30)));
  });
});

const NOW = () => NOON;
