import { describe, expect, it } from "vitest";
import { ActionId, CallbackId, FieldId } from "../../blocks/ids.ts";
import { NOT_A_TEAM_MEMBER } from "../../handlers/shared/person-input.ts";
import { TEAM_CHANNEL } from "../support/app.ts";
import { blockAction, nthView, type SentView, slashCommand, submit, texts } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { BOT_USER, OWN_TEAM } from "../support/slack-standin.ts";

const NOT_MEMBER = "nur Mitgliedern des Team-Kanals";

/** Issue 20, point 6: who is the team, in every surface. */
describe("a Slack Connect user's slash command carries our workspace's team_id", () => {
  const t = useTestApp({ members: ["U0MEMBER01", "U0EXTERN01"] });

  it("is refused on /kunden <search>: the user's organisation comes from users.info", async () => {
    t.standin.addForeignUser("U0EXTERN01", "T0EXTERN01");
    await t.app.deps.prisma.customer.create({
      data: { company: "Bäckerei Müller GmbH", email: "hans@baeckerei-mueller.de", createdBy: "U0MEMBER01" },
    });
    // As Slack sends it: the workspace the command ran in is ours.
    const res = await t.app.command({
      command: "/kunden",
      text: "müller",
      user_id: "U0EXTERN01",
      team_id: OWN_TEAM,
      channel_id: TEAM_CHANNEL,
      trigger_id: t.standin.triggerId("U0EXTERN01"),
      response_url: t.standin.responseUrl(),
    });
    const text = JSON.stringify(res.json());
    expect(text).toContain(NOT_MEMBER);
    expect(text).not.toContain("Müller");
    expect(t.standin.callsOf("users.info").some((c) => c.args.user === "U0EXTERN01")).toBe(true);
  });

  it("is refused on a button even when the payload's user.team_id names our workspace", async () => {
    const before = t.standin.responses.length;
    await t.app.interact(
      blockAction({
        user: "U0EXTERN01",
        teamId: OWN_TEAM,
        actionId: ActionId.assignRequestInquiry,
        value: "00000000-0000-4000-8000-000000000000",
        responseUrl: t.standin.responseUrl(),
      }),
    );
    await t.standin.waitFor((s) => s.responses.length > before, 10_000, "the refusal");
    expect(t.standin.responses.at(-1)?.body.text).toContain(NOT_MEMBER);
  });

  it("asks users.info once per user (cached)", async () => {
    await slashCommand(t.app, t.standin, "hilfe", "U0EXTERN01");
    await slashCommand(t.app, t.standin, "hilfe", "U0EXTERN01");
    expect(t.standin.callsOf("users.info").filter((c) => c.args.user === "U0EXTERN01")).toHaveLength(1);
  });
});

describe("a member list fetched before member_left_channel is not stored after it", () => {
  const t = useTestApp({ members: ["U0MEMBER01", "U0LEAVER01"] });

  it("refuses the leaver right after the event, although the older list arrived later", async () => {
    // conversations.members answers with the list as it stood when the call arrived, but only when
    // the test lets it go: the leave happens while the fetch is under way.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let arrived = 0;
    t.standin.on("conversations.members", async (_args, s) => {
      const snapshot = [...s.members];
      arrived += 1;
      if (arrived === 1) await held;
      return { ok: true, members: snapshot, response_metadata: { next_cursor: "" } };
    });
    const first = slashCommand(t.app, t.standin, "hilfe", "U0LEAVER01");
    await expect.poll(() => arrived).toBe(1);

    t.standin.members = ["U0MEMBER01"];
    await t.app.event({
      type: "member_left_channel",
      user: "U0LEAVER01",
      channel: TEAM_CHANNEL,
      channel_type: "G",
      team: OWN_TEAM,
    });
    await expect.poll(() => t.app.logs.some((l) => l.includes("team channel membership changed"))).toBe(true);
    release();
    // The request that started the fetch is decided on a list fetched after the event.
    expect(JSON.stringify((await first).json())).toContain(NOT_MEMBER);
    expect(arrived).toBe(2);

    const after = await slashCommand(t.app, t.standin, "hilfe", "U0LEAVER01");
    expect(JSON.stringify(after.json())).toContain(NOT_MEMBER);
    expect(JSON.stringify((await slashCommand(t.app, t.standin, "hilfe")).json())).not.toContain(NOT_MEMBER);
  });
});

describe("an input that names a person accepts only team members (a task's assignee)", () => {
  const t = useTestApp({ members: ["U0MEMBER01", "U0OTHER001", BOT_USER, "U0OTHERAPP", "U0EXTERN01"] });
  const count = (method: string) => t.standin.okCallsOf(method).length;

  async function taskForm(): Promise<SentView> {
    const customer = await t.app.deps.prisma.customer.upsert({
      where: { id: "00000000-0000-4000-8000-0000000000c1" },
      create: { id: "00000000-0000-4000-8000-0000000000c1", company: "Kunde GmbH", createdBy: "U0MEMBER01" },
      update: {},
    });
    const card: SentView = {
      id: "V0CARD0001",
      type: "modal",
      callback_id: CallbackId.customerCard,
      blocks: [],
    };
    const pushes = count("views.push");
    await t.app.interact(
      blockAction({
        user: "U0MEMBER01",
        actionId: ActionId.createTask,
        value: customer.id,
        view: card,
      }),
    );
    return nthView(t.standin, "views.push", pushes + 1);
  }

  const assignTo = (user: string) => ({
    ...texts({ [FieldId.taskTitle]: "Angebot schicken" }),
    [FieldId.taskAssignee]: { [FieldId.taskAssignee]: { type: "users_select", selected_user: user } },
  });

  it.each([
    ["the bot itself", BOT_USER],
    ["another app", "U0OTHERAPP"],
    ["someone outside the team channel", "U0OUTSIDE1"],
    ["a member of another organisation in the shared channel", "U0EXTERN01"],
  ])("refuses %s with a field error, and stores nothing", async (_who, user) => {
    t.standin.addBotUser("U0OTHERAPP").addForeignUser("U0EXTERN01");
    const form = await taskForm();
    expect(form.callback_id).toBe(CallbackId.createTask);
    const res = await submit(t.app, form, assignTo(user));
    expect(res.json()).toEqual({
      response_action: "errors",
      errors: { [FieldId.taskAssignee]: NOT_A_TEAM_MEMBER },
    });
    expect(await t.app.deps.prisma.task.count()).toBe(0);
  });

  it("accepts a team member", async () => {
    const form = await taskForm();
    const res = await submit(t.app, form, assignTo("U0OTHER001"));
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    const tasks = await t.app.deps.prisma.task.findMany({ select: { assigneeId: true } });
    expect(tasks).toEqual([{ assigneeId: "U0OTHER001" }]);
  });
});
