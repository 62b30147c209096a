import { beforeAll, describe, expect, it } from "vitest";
import { ActionId } from "../../blocks/ids.ts";
import { startTestApp, TEAM_CHANNEL, type TestApp } from "../support/app.ts";
import { blockAction, nthView, slashCommand, viewSubmission } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import type { SlackStandin } from "../support/slack-standin.ts";

const NOT_MEMBER = "nur Mitgliedern des Team-Kanals";
const CANNOT_CHECK = "Der Zugriff kann gerade nicht geprüft werden";

/** A click on a channel message's button, with a response_url served by the stand-in. */
function channelClick(
  app: TestApp,
  standin: SlackStandin,
  user: string,
  actionId: string = ActionId.assignRequestInquiry,
) {
  return app.interact(
    blockAction({
      user,
      teamId: standin.teamOf(user),
      actionId,
      value: "00000000-0000-4000-8000-000000000000",
      responseUrl: standin.responseUrl(),
    }),
  );
}

/** A click on the App Home's search button: no response_url, only a trigger_id. */
function homeClick(app: TestApp, standin: SlackStandin, user: string) {
  return app.interact(
    blockAction({ user, teamId: standin.teamOf(user), actionId: ActionId.homeSearch, container: "view" }),
  );
}

async function homeOf(t: { app: TestApp; standin: SlackStandin }, user: string): Promise<string> {
  const n = t.standin.okCallsOf("views.publish").length + 1;
  await t.app.event({ type: "app_home_opened", user, channel: "D0HOME0001", tab: "home" });
  return JSON.stringify(await nthView(t.standin, "views.publish", n));
}

describe("only members of the team channel may use the bot", () => {
  const t = useTestApp({ members: ["U0MEMBER01", "U0EXTERN01"] });
  beforeAll(() => {
    t.standin.addForeignUser("U0EXTERN01", "T0EXTERN01");
  });

  it("answers an outsider's slash command with a refusal and no data", async () => {
    const res = await t.app.command({
      command: "/kunden",
      text: "müller",
      user_id: "U0OUTSIDE1",
      channel_id: "D0DIRECT01",
      team_id: "T0AGENTUR1",
      trigger_id: "1.2.3",
      response_url: t.standin.responseUrl(),
    });
    expect(res.status).toBe(200);
    const body = res.json() as { response_type: string; text: string };
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toContain(`<#${TEAM_CHANNEL}>`);
    expect(t.standin.callsOf("conversations.members")[0]?.args.channel).toBe(TEAM_CHANNEL);
  });

  it("refuses an outsider's click on a channel button through the click's response_url", async () => {
    const before = t.standin.responses.length;
    const res = await channelClick(t.app, t.standin, "U0OUTSIDE1");
    expect(res.status).toBe(200);
    await t.standin.waitFor((s) => s.responses.length > before, 10_000, "the refusal");
    const answer = t.standin.responses.at(-1);
    expect(answer?.status).toBe(200);
    expect(answer?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(answer?.body.text).toContain(NOT_MEMBER);
    expect(Object.keys(answer?.body ?? {}).sort()).toEqual(["replace_original", "response_type", "text"]);
    // Slack refuses an ephemeral message to a non-member, so that way reaches no one.
    expect(t.standin.okCallsOf("chat.postEphemeral")).toHaveLength(0);
    expect(t.standin.callsOf("views.open")).toHaveLength(0);
  });

  it("refuses a click in the App Home or a modal (no response_url) with a modal on its trigger_id", async () => {
    const opens = t.standin.okCallsOf("views.open").length;
    await homeClick(t.app, t.standin, "U0OUTSIDE1");
    const view = await nthView(t.standin, "views.open", opens + 1);
    expect(JSON.stringify(view)).toContain(NOT_MEMBER);
    expect(view.blocks).toHaveLength(2);
  });

  it("refuses an outsider's modal submission and options request in their acks", async () => {
    const submitted = await t.app.interact(
      viewSubmission({ user: "U0OUTSIDE1", callbackId: "customer_form", values: {} }),
    );
    const answer = submitted.json() as { response_action: string; view: unknown };
    expect(answer.response_action).toBe("update");
    expect(JSON.stringify(answer.view)).toContain(NOT_MEMBER);

    const options = await t.app.interact({
      type: "block_suggestion",
      team: { id: "T0AGENTUR1" },
      user: { id: "U0OUTSIDE1", team_id: "T0AGENTUR1" },
      action_id: ActionId.existingCustomer,
      block_id: "existing",
      value: "müller",
    });
    expect(options.json()).toEqual({ options: [] });
  });

  it("shows an outsider's App Home a notice only", async () => {
    const view = JSON.parse(await homeOf(t, "U0OUTSIDE1"));
    expect(JSON.stringify(view)).toContain(NOT_MEMBER);
    expect(view.blocks).toHaveLength(2);
  });

  it("lets a member through", async () => {
    const opens = t.standin.okCallsOf("views.open").length;
    await homeClick(t.app, t.standin, "U0MEMBER01");
    const view = await nthView(t.standin, "views.open", opens + 1);
    expect(JSON.stringify(view)).not.toContain(NOT_MEMBER);
  });

  describe("a member of another organisation in the shared channel (Slack Connect)", () => {
    it("is in conversations.members, and the stand-in reports their own team", async () => {
      const info = await fetch(`${t.standin.url}users.info`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "user=U0EXTERN01",
      });
      expect(((await info.json()) as { user: { team_id: string } }).user.team_id).toBe("T0EXTERN01");
      expect(t.standin.members).toContain("U0EXTERN01");
    });

    it("is refused on a channel button", async () => {
      const before = t.standin.responses.length;
      const opens = t.standin.callsOf("views.open").length;
      await channelClick(t.app, t.standin, "U0EXTERN01");
      await t.standin.waitFor((s) => s.responses.length > before, 10_000, "the refusal");
      expect(t.standin.responses.at(-1)?.body.text).toContain(NOT_MEMBER);
      expect(t.standin.callsOf("views.open")).toHaveLength(opens);
    });

    it("is refused on /kunden <text>", async () => {
      const res = await slashCommand(t.app, t.standin, "müller", "U0EXTERN01");
      expect((res.json() as { text: string }).text).toContain(NOT_MEMBER);
    });

    it("is refused on the App Home (their team from users.info)", async () => {
      const home = await homeOf(t, "U0EXTERN01");
      expect(home).toContain(NOT_MEMBER);
      expect(t.standin.callsOf("users.info").some((c) => c.args.user === "U0EXTERN01")).toBe(true);
    });
  });
});

describe("someone who leaves the team channel loses access at once", () => {
  const t = useTestApp({ members: ["U0MEMBER01", "U0LEAVER01"] });

  it("drops the cached members on member_left_channel for the team channel only", async () => {
    let opens = t.standin.okCallsOf("views.open").length;
    await homeClick(t.app, t.standin, "U0LEAVER01");
    expect(JSON.stringify(await nthView(t.standin, "views.open", ++opens))).not.toContain(NOT_MEMBER);

    t.standin.members = ["U0MEMBER01"];
    const membersCalls = t.standin.callsOf("conversations.members").length;
    const event = { type: "member_left_channel", user: "U0LEAVER01", channel_type: "C", team: "T0AGENTUR1" };
    await t.app.event({ ...event, channel: "C0ANDERE01" });
    await expect
      .poll(() => t.app.logs.some((l) => l.includes("membership changed in another channel")))
      .toBe(true);
    // Another channel's change keeps the cached list: the leaver still gets in (within the minute).
    await homeClick(t.app, t.standin, "U0LEAVER01");
    expect(JSON.stringify(await nthView(t.standin, "views.open", ++opens))).not.toContain(NOT_MEMBER);
    expect(t.standin.callsOf("conversations.members")).toHaveLength(membersCalls);

    await t.app.event({ ...event, channel: TEAM_CHANNEL });
    await expect.poll(() => t.app.logs.some((l) => l.includes("team channel membership changed"))).toBe(true);
    await homeClick(t.app, t.standin, "U0LEAVER01");
    expect(JSON.stringify(await nthView(t.standin, "views.open", ++opens))).toContain(NOT_MEMBER);
  });

  it("lets someone who joined in at once after member_joined_channel", async () => {
    expect((await slashCommand(t.app, t.standin, "hilfe", "U0JOINER01")).json()).toMatchObject({
      text: expect.stringContaining(NOT_MEMBER),
    });
    t.standin.members = [...t.standin.members, "U0JOINER01"];
    await t.app.event({
      type: "member_joined_channel",
      user: "U0JOINER01",
      channel: TEAM_CHANNEL,
      channel_type: "C",
    });
    await expect
      .poll(() => t.app.logs.filter((l) => l.includes("team channel membership changed")).length)
      .toBe(2);
    expect(
      JSON.stringify((await slashCommand(t.app, t.standin, "hilfe", "U0JOINER01")).json()),
    ).not.toContain(NOT_MEMBER);
  });
});

describe("when Slack does not answer conversations.members", () => {
  let clock = Date.parse("2026-03-02T09:00:00Z");
  const t = useTestApp({ members: ["U0MEMBER01"], now: () => new Date(clock) });
  const help = async () => JSON.stringify((await slashCommand(t.app, t.standin, "hilfe")).json());

  it("serves the cached list for under 10 minutes after the last success, then refuses", async () => {
    const start = clock;
    expect(await help()).not.toContain(NOT_MEMBER);
    t.standin.fault("conversations.members", { kind: "error", error: "internal_error" });

    clock = start + 2 * 60_000;
    expect(await help()).toContain("Jetzt:");
    clock = start + 10 * 60_000 - 1;
    expect(await help()).toContain("Jetzt:");
    const failed = t.standin.calls.filter((c) => c.method === "conversations.members").length;
    expect(failed).toBeGreaterThanOrEqual(3);

    clock = start + 10 * 60_000;
    const refused = await help();
    expect(refused).toContain(CANNOT_CHECK);
    expect(refused).not.toContain("Jetzt:");

    t.standin.clearFaults();
    expect(await help()).toContain("Jetzt:");
  });
});

describe("at start, a team channel open to others is warned about", () => {
  const t = useTestApp({ members: ["U0MEMBER01"], start: false });

  async function startWith(channelInfo: SlackStandin["channelInfo"]) {
    t.standin.reset();
    t.standin.channelInfo = channelInfo;
    return startTestApp(t.db, t.standin);
  }

  it("a public channel: in the log and on a member's App Home", async () => {
    const app = await startWith({ is_private: false, is_shared: false, is_ext_shared: false });
    try {
      await expect
        .poll(() => app.logs.some((l) => l.includes("SLACK_CHANNEL_ID is a public channel")))
        .toBe(true);
      const home = await homeOf({ app, standin: t.standin }, "U0MEMBER01");
      expect(home).toContain("Der Team-Kanal ist öffentlich");
      expect(home).not.toContain("geteilt");
    } finally {
      await app.stop();
    }
  });

  it("a channel shared with another organisation: in the log and on the App Home", async () => {
    const app = await startWith({ is_private: true, is_shared: false, is_ext_shared: true });
    try {
      await expect
        .poll(() => app.logs.some((l) => l.includes("SLACK_CHANNEL_ID is shared with another organisation")))
        .toBe(true);
      const home = await homeOf({ app, standin: t.standin }, "U0MEMBER01");
      expect(home).toContain("mit einer anderen Organisation geteilt");
      expect(home).not.toContain("öffentlich");
    } finally {
      await app.stop();
    }
  });

  it("a private channel: no warning; a failing conversations.info is logged, not fatal", async () => {
    const app = await startWith({ is_private: true, is_shared: false, is_ext_shared: false });
    try {
      await t.standin.waitFor(
        (s) => s.okCallsOf("conversations.info").length === 1,
        3_000,
        "conversations.info",
      );
      const home = await homeOf({ app, standin: t.standin }, "U0MEMBER01");
      expect(home).not.toContain("home_channel_warning");
      expect(app.logs.some((l) => l.includes("SLACK_CHANNEL_ID is"))).toBe(false);
    } finally {
      await app.stop();
    }
    t.standin.reset();
    t.standin.fault("conversations.info", { kind: "error", error: "internal_error" });
    const failing = await startTestApp(t.db, t.standin);
    try {
      await expect
        .poll(() => failing.logs.some((l) => l.includes("could not read the team channel's settings")))
        .toBe(true);
      expect(await homeOf({ app: failing, standin: t.standin }, "U0MEMBER01")).toContain("Kundenverwaltung");
    } finally {
      await failing.stop();
    }
  });

  it("does not hold up the start: requests are answered while conversations.info is still pending", async () => {
    t.standin.reset();
    let release = () => {};
    const answered = new Promise<void>((r) => {
      release = r;
    });
    // Slack holds the answer until the test lets it go (this handler stays: the last test of the file).
    t.standin.on("conversations.info", async (_args, s) => {
      await answered;
      return { ok: true, channel: { id: s.channel, ...s.channelInfo } };
    });
    const app = await startTestApp(t.db, t.standin);
    try {
      const res = await slashCommand(app, t.standin, "hilfe");
      expect(JSON.stringify(res.json())).toContain("Jetzt:");
      const info = t.standin.calls.filter((c) => c.method === "conversations.info");
      expect(info).toHaveLength(1);
      expect(info[0]?.response).toBeUndefined();
    } finally {
      release();
      await app.stop();
    }
  });
});
