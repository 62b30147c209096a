import { beforeEach, describe, expect, it } from "vitest";
import { ActionId, AssignMemberBlock, CallbackId } from "../../blocks/ids.ts";
import { NOT_A_TEAM_MEMBER } from "../../handlers/shared/person-input.ts";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { blockAction, nthView, type SentView, submit } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { BOT_USER } from "../support/slack-standin.ts";

/**
 * Zuweisen through signed requests (contract "Pipeline"): the button opens the modal, only a team
 * member may be chosen, the member then holds the request (also when someone else held it), the
 * change is audited (who assigned whom), and the member gets a DM with the message's permalink.
 */

const ANNA = "U0ANNA0001";
const BEN = "U0BEN00001";

describe("Zuweisen", () => {
  const t = useTestApp({ members: [ANNA, BEN, BOT_USER, "U0OTHERAPP", "U0EXTERN01"] });
  beforeEach(() => t.standin.reset());
  const prisma = () => t.app.deps.prisma;

  const openModal = async (kind: "inquiry" | "invitation", id: string, user = ANNA): Promise<SentView> => {
    const opened = t.standin.okCallsOf("views.open").length;
    const res = await t.app.interact(
      blockAction({
        user,
        actionId: ActionId.assignMember,
        value: `${kind}:${id}`,
        responseUrl: t.standin.responseUrl(),
      }),
    );
    expect(res.status).toBe(200);
    return nthView(t.standin, "views.open", opened + 1);
  };
  const choose = (user: string | null) => ({
    [AssignMemberBlock.member]: { [AssignMemberBlock.member]: { type: "users_select", selected_user: user } },
  });

  it("opens the modal Zuweisen with a required Teammitglied (a user select)", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000401.000001" });
    const view = await openModal("inquiry", inquiry.id);
    expect(view.callback_id).toBe(CallbackId.assignMember);
    expect(view.title).toMatchObject({ text: "Zuweisen" });
    const input = view.blocks.find((b) => b.block_id === AssignMemberBlock.member) as unknown as {
      label: { text: string };
      optional?: boolean;
      element: { type: string };
    };
    expect(input.label.text).toBe("Teammitglied");
    expect(input.optional).toBeFalsy();
    expect(input.element.type).toBe("users_select");
  });

  it("hands the request to a member, also from someone else who held it; audited; DM with the permalink", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000402.000002" });
    await prisma().inquiry.update({
      where: { id: inquiry.id },
      data: { takenBy: ANNA, takenAt: new Date("2026-12-01T10:00:00Z") },
    });
    const view = await openModal("inquiry", inquiry.id, ANNA);
    const res = await submit(t.app, view, choose(BEN), ANNA);
    expect(res.status).toBe(200);

    const row = await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
    expect(row.takenBy).toBe(BEN);
    const audit = await prisma().auditEntry.findMany({
      where: { entityId: inquiry.id, action: "inquiry.assigned_to_member" },
    });
    expect(audit.map((a) => [a.actor, a.before, a.after])).toEqual([
      [ANNA, { takenBy: ANNA }, { takenBy: BEN }],
    ]);

    // The message says who has it, as after Übernehmen.
    await t.standin.waitFor(
      (s) =>
        s
          .okCallsOf("chat.update")
          .some(
            (c) =>
              c.args.ts === "1700000402.000002" &&
              String(c.args.blocks).includes(`in Bearbeitung: <@${BEN}>`),
          ),
      5_000,
      "the refreshed message",
    );
    // The DM: in the bot's direct conversation with Ben, with the permalink of the request message.
    await t.standin.waitFor(
      (s) => s.okCallsOf("chat.postMessage").some((c) => String(c.args.channel).startsWith("D")),
      5_000,
      "the DM",
    );
    const dm = t.standin.okCallsOf("chat.postMessage").find((c) => String(c.args.channel).startsWith("D"));
    expect(t.standin.okCallsOf("conversations.open").map((c) => c.args.users)).toContain(BEN);
    const permalink = t.standin.okCallsOf("chat.getPermalink").at(-1);
    expect(permalink?.args).toMatchObject({ message_ts: "1700000402.000002" });
    const link = String((permalink?.response as { permalink?: string } | undefined)?.permalink);
    expect(link).toContain("p1700000402000002");
    expect(String(dm?.args.text)).toContain(link);
    expect(String(dm?.args.text)).toContain(`<@${ANNA}> hat Ihnen eine Anfrage zugewiesen`);
    // No personal data of the prospect in the DM.
    expect(String(dm?.args.text)).not.toContain(inquiry.name);
  });

  it.each([
    ["the bot itself", BOT_USER],
    ["another app", "U0OTHERAPP"],
    ["someone outside the team channel", "U0OUTSIDE1"],
    ["a member of another organisation in the shared channel", "U0EXTERN01"],
  ])("refuses %s with a field error, and changes nothing", async (_who, user) => {
    t.standin.addBotUser("U0OTHERAPP").addForeignUser("U0EXTERN01");
    const invitation = await seedInvitation(prisma(), { slackTs: "1700000403.000003" });
    const view = await openModal("invitation", invitation.id);
    const res = await submit(t.app, view, choose(user), ANNA);
    expect(res.json()).toEqual({
      response_action: "errors",
      errors: { [AssignMemberBlock.member]: NOT_A_TEAM_MEMBER },
    });
    expect(
      (await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).takenBy,
    ).toBeNull();
    expect(await prisma().auditEntry.count({ where: { entityId: invitation.id } })).toBe(0);
    expect(t.standin.okCallsOf("conversations.open").filter((c) => c.args.users === user)).toHaveLength(0);
  });

  it("a request erased while the modal was open is not assigned: no holder, no audit entry, no DM", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000405.000005" });
    const view = await openModal("inquiry", inquiry.id);
    await prisma().inquiry.update({ where: { id: inquiry.id }, data: { erasedAt: new Date() } });
    const res = await submit(t.app, view, choose(BEN), ANNA);
    expect(JSON.stringify(res.json())).toContain("gibt es nicht");
    expect((await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).takenBy).toBeNull();
    expect(await prisma().auditEntry.count({ where: { entityId: inquiry.id } })).toBe(0);
    expect(t.standin.okCallsOf("conversations.open")).toHaveLength(0);
  });

  it("refuses an empty choice (Slack's client check can be bypassed)", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000404.000004" });
    const view = await openModal("inquiry", inquiry.id);
    const res = await submit(t.app, view, choose(null), ANNA);
    expect(res.json()).toMatchObject({ response_action: "errors" });
    expect((await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).takenBy).toBeNull();
  });
});
