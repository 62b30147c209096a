import { describe, expect, it } from "vitest";
import { ActionId, FollowUpBlock } from "../../blocks/ids.ts";
import { ERASED_TEXT } from "../../blocks/privacy/erased-message.ts";
import { claimDueFollowUps } from "../../domain/follow-ups/follow-up-service.ts";
import { addDays, localDateTime } from "../../domain/time/calendar.ts";
import { dbKinds } from "../support/db.ts";
import { inquiryBody, postIntake } from "../support/intake.ts";
import { blockAction, nthView, submit } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { until } from "./support.ts";

/**
 * A follow-up's note may name the person: the Auskunft lists it (Wiedervorlagen), the erasure
 * deletes it and overwrites its thread post, and a follow-up of an erased request never fires.
 */

const PHONE = "+49 30 5550199";
const EMAIL = "frieda@example.com";
const TZ = "Europe/Berlin";

describe.each(dbKinds())("Wiedervorlage and data protection (%s)", (kind) => {
  const t = useTestApp({ kind, env: { DIGEST_TIMEZONE: TZ } });
  const prisma = () => t.app.deps.prisma;
  const idle = () =>
    until(
      async () => (await prisma().outboxJob.count({ where: { status: "pending" } })) === 0,
      15_000,
      "the outbox to be idle",
    );
  const setThroughModal = async (id: string, date: string, note: string) => {
    const opened = t.standin.okCallsOf("views.open").length;
    await t.app.interact(
      blockAction({
        user: "U0MEMBER01",
        actionId: ActionId.followUp,
        value: `inquiry:${id}`,
        responseUrl: t.standin.responseUrl(),
      }),
    );
    const view = await nthView(t.standin, "views.open", opened + 1);
    const res = await submit(t.app, view, {
      [FollowUpBlock.date]: { value: { type: "datepicker", selected_date: date } },
      [FollowUpBlock.time]: { value: { type: "timepicker", selected_time: "09:00" } },
      [FollowUpBlock.note]: { value: { type: "plain_text_input", value: note } },
    });
    expect(res.status).toBe(200);
  };

  it("Auskunft lists the follow-up with its note; Löschen deletes it and overwrites its thread post; an unfired one never fires", async () => {
    const fired = await postIntake(
      t.app.baseUrl,
      "inquiries",
      inquiryBody({ name: "Frieda Fuchs", email: EMAIL }),
    );
    const waiting = await postIntake(
      t.app.baseUrl,
      "inquiries",
      inquiryBody({ name: "Frieda Fuchs", email: EMAIL.toUpperCase() }),
    );
    await idle();
    const tomorrow = addDays(localDateTime(new Date(), TZ), 1);
    const date = `${tomorrow.year}-${String(tomorrow.month).padStart(2, "0")}-${String(tomorrow.day).padStart(2, "0")}`;
    await setThroughModal(String(fired.body.id), date, `Frieda zurückrufen: ${PHONE}`);
    await setThroughModal(String(waiting.body.id), date, `Später: ${PHONE}`);
    // The first one's time comes (the clock two days ahead); its post names her phone.
    await prisma().followUp.updateMany({
      where: { inquiryId: String(fired.body.id) },
      data: { dueAt: new Date(Date.now() - 60_000) },
    });
    expect(await claimDueFollowUps({ db: prisma(), now: () => new Date() })).toBe(1);
    await idle();
    const post = () =>
      t.standin.messages.find((m) => m.threadTs && JSON.stringify(m).includes("Wiedervorlage"));
    await until(() => post() !== undefined, 5_000, "the follow-up's thread post");
    expect(JSON.stringify(post())).toContain("5550199");
    const ts = post()?.ts;
    const reply = () => t.standin.messages.find((m) => m.ts === ts);

    const found = await t.app.deps.privacy.find(EMAIL);
    expect(found.data.followUps.map((f) => f.note)).toEqual(
      expect.arrayContaining([`Frieda zurückrufen: ${PHONE}`, `Später: ${PHONE}`]),
    );
    expect(found.counts).toContainEqual({ key: "followUps", label: "Wiedervorlagen", count: 2 });

    expect((await t.app.deps.privacy.erase(EMAIL, "U0MEMBER01")).status).toBe("erased");
    await idle();
    expect(await prisma().followUp.count()).toBe(0);
    expect(JSON.stringify(reply())).toContain(ERASED_TEXT);
    expect(JSON.stringify(reply())).not.toContain("5550199");
    // The waiting one's time would have come: nothing is left to fire.
    expect(await claimDueFollowUps({ db: prisma(), now: () => new Date(Date.now() + 3 * 86_400_000) })).toBe(
      0,
    );
    expect(t.standin.messages.filter((m) => JSON.stringify(m).includes("5550199"))).toEqual([]);
  }, 60_000);
});
