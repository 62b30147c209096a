import { beforeAll, describe, expect, it } from "vitest";
import { ActionId, CallbackId } from "../../blocks/ids.ts";
import { customerInput } from "../../domain/customers/customer.schema.ts";
import { insertCustomer } from "../../domain/customers/customer-repository.ts";
import { TEAM_CHANNEL } from "../support/app.ts";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { blockAction, viewSubmission } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { clickInvitationButton } from "./support.ts";

/**
 * PARTNER_PROGRAM=isv, walked through the running app, for what the other ISV tests do not cover
 * (intake 422: test/bot/intake-api.test.ts; Home, help and /kunden einladungen:
 * test/handlers/home.test.ts; Kunde verbinden: test/handlers/decisions.test.ts). The database holds
 * invitations from before the switch to the ISV program: none of them may show or be decided.
 */
describe("ISV partner program: nothing about invitations, through the app", () => {
  const t = useTestApp({ members: ["U0ANNA0001"], env: { PARTNER_PROGRAM: "isv" } });
  let pending: Awaited<ReturnType<typeof seedInvitation>>;
  let customerId: string;

  beforeAll(async () => {
    const prisma = t.app.deps.prisma;
    pending = await seedInvitation(prisma, { name: "Irene Altbestand", slackTs: "1700000000.000900" });
    await seedInquiry(prisma, { name: "Ingo Anfrage" });
    const customer = await insertCustomer(
      prisma,
      customerInput.parse({ company: "Kunde mit Freigabe" }),
      "U0ANNA0001",
    );
    customerId = customer.id;
    const connected = await seedInvitation(prisma, { name: "Vera Verbunden", slackTs: null });
    await prisma.invitation.update({
      where: { id: connected.id },
      data: {
        status: "connected",
        customerId,
        newCustomer: false,
        decidedBy: "U0ANNA0001",
        decidedAt: new Date(),
      },
      select: { id: true },
    });
    const refused = await seedInvitation(prisma, { name: "Rolf Refused", slackTs: null });
    await prisma.invitation.update({
      where: { id: refused.id },
      data: {
        status: "declined",
        decidedBy: "U0ANNA0001",
        decidedAt: new Date(),
        declineMailStatus: "failed",
        declineMailError: "550 User unknown",
      },
      select: { id: true },
    });
  });

  const invitationWords = /Einladung|Zugriffsfreigabe|Irene|Vera|Rolf|Vollzugriff|Teilzugriff|Absage/;

  it("the digest covers open inquiries only", async () => {
    const res = await t.app.command({
      command: "/kunden",
      text: "digest",
      user_id: "U0ANNA0001",
      channel_id: TEAM_CHANNEL,
      team_id: "T0AGENTUR1",
      trigger_id: "1.2.3",
      response_url: `${t.standin.url}response`,
    });
    expect(JSON.stringify(res.json())).toContain("offenen Anfragen (1)");
    await t.standin.waitFor((s) => s.okCallsOf("chat.postMessage").length >= 1, 10_000, "the digest post");
    const digest = JSON.stringify(t.standin.okCallsOf("chat.postMessage")[0]?.args);
    expect(digest).toContain("Ingo Anfrage");
    expect(digest).not.toMatch(invitationWords);
  });

  it("an old Einladung ablehnen button opens nothing, declines nothing, and loses its buttons", async () => {
    t.standin.reset();
    const view = await clickInvitationButton(t.app, t.standin, {
      actionId: ActionId.declineInvitation,
      invitationId: pending.id,
      user: "U0ANNA0001",
      messageTs: pending.slackTs,
    });
    expect(view.title.text).toBe("Nicht verfügbar");
    await t.standin.waitFor(
      (s) => s.okCallsOf("chat.update").some((c) => c.args.ts === pending.slackTs),
      5_000,
      "the old message redrawn",
    );
    const update = t.standin.okCallsOf("chat.update").find((c) => c.args.ts === pending.slackTs);
    expect(String(update?.args.blocks)).not.toContain(ActionId.assignRequestInvitation);
    expect(String(update?.args.blocks)).not.toContain(ActionId.declineInvitation);
    expect((await t.app.deps.prisma.invitation.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe(
      "pending",
    );
  });

  it("a decline modal left open from before is refused on submit, and no e-mail is queued", async () => {
    const res = await t.app.interact(
      viewSubmission({
        user: "U0ANNA0001",
        callbackId: CallbackId.declineInvitation,
        privateMetadata: JSON.stringify({ kind: "invitation", id: pending.id }),
        values: { personal_message: { value: { type: "plain_text_input", value: "Tschüss" } } },
      }),
    );
    const answer = res.json() as { response_action: string; view: { title: { text: string } } };
    expect(answer.response_action).toBe("update");
    expect(answer.view.title.text).toBe("Nicht verfügbar");
    const row = await t.app.deps.prisma.invitation.findUniqueOrThrow({ where: { id: pending.id } });
    expect(row).toMatchObject({ status: "pending", declineMailStatus: null });
    expect(await t.app.deps.prisma.outboxJob.count({ where: { kind: "mail.send" } })).toBe(0);
  });

  it("the App Home shows no refused decline e-mails and no invitations", async () => {
    t.standin.reset();
    await t.app.event({ type: "app_home_opened", user: "U0ANNA0001", channel: "D1", tab: "home" });
    await t.standin.waitFor((s) => s.okCallsOf("views.publish").length >= 1, 5_000, "views.publish");
    const home = String(t.standin.okCallsOf("views.publish")[0]?.args.view);
    expect(home).toContain("Ingo Anfrage");
    expect(home).not.toMatch(invitationWords);
  });

  it("the customer card shows no access grants", async () => {
    t.standin.reset();
    await t.app.interact(
      blockAction({ user: "U0ANNA0001", actionId: ActionId.openCustomer, value: customerId }),
    );
    await t.standin.waitFor((s) => s.okCallsOf("views.open").length >= 1, 5_000, "the card");
    const card = String(t.standin.okCallsOf("views.open")[0]?.args.view);
    expect(card).toContain("Kunde mit Freigabe");
    expect(card).not.toMatch(invitationWords);
  });
});
