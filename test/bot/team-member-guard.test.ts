import { describe, expect, it } from "vitest";
import { TEAM_CHANNEL } from "../support/app.ts";
import { useTestApp } from "../support/lifecycle.ts";

describe("only members of the team channel may use the bot", () => {
  const t = useTestApp({ members: ["U0MEMBER01"] });

  it("answers an outsider's slash command with a refusal and no data", async () => {
    const res = await t.app.command({
      command: "/kunden",
      text: "müller",
      user_id: "U0OUTSIDE1",
      channel_id: "D123",
      team_id: "T0AGENTUR1",
      trigger_id: "1.2.3",
      response_url: "http://127.0.0.1:1/unused",
    });
    expect(res.status).toBe(200);
    const body = res.json() as { response_type: string; text: string };
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toContain(`<#${TEAM_CHANNEL}>`);
    expect(t.standin.callsOf("conversations.members")[0]?.args.channel).toBe(TEAM_CHANNEL);
  });

  it("answers an outsider's button click with an ephemeral refusal in that channel", async () => {
    const res = await t.app.interact({
      type: "block_actions",
      team: { id: "T0AGENTUR1" },
      user: { id: "U0OUTSIDE1" },
      trigger_id: "1.2.3",
      channel: { id: TEAM_CHANNEL },
      container: { type: "message", channel_id: TEAM_CHANNEL, message_ts: "1.1" },
      actions: [
        { type: "button", action_id: "inquiry_add_customer", value: "x", block_id: "b", action_ts: "1" },
      ],
    });
    expect(res.status).toBe(200);
    await t.standin.waitFor((s) => s.callsOf("chat.postEphemeral").length === 1, 3_000, "the refusal");
    const call = t.standin.callsOf("chat.postEphemeral")[0];
    expect(call?.args).toMatchObject({ channel: TEAM_CHANNEL, user: "U0OUTSIDE1" });
    expect(t.standin.callsOf("views.open")).toHaveLength(0);
  });

  it("shows an outsider's App Home a notice only", async () => {
    const res = await t.app.event({
      type: "app_home_opened",
      user: "U0OUTSIDE1",
      channel: "D1",
      tab: "home",
    });
    expect(res.status).toBe(200);
    await t.standin.waitFor((s) => s.callsOf("views.publish").length === 1, 3_000, "views.publish");
    const view = JSON.parse(String(t.standin.callsOf("views.publish")[0]?.args.view));
    expect(JSON.stringify(view)).toContain("nur Mitgliedern des Team-Channels");
    expect(view.blocks).toHaveLength(2);
  });

  it("lets a member through (the unhandled action is simply acknowledged)", async () => {
    const before = t.standin.callsOf("chat.postEphemeral").length;
    const res = await t.app.interact({
      type: "block_actions",
      team: { id: "T0AGENTUR1" },
      user: { id: "U0MEMBER01" },
      channel: { id: TEAM_CHANNEL },
      container: { type: "message", channel_id: TEAM_CHANNEL, message_ts: "1.1" },
      actions: [{ type: "button", action_id: "something_else", block_id: "b", action_ts: "1" }],
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(t.standin.callsOf("chat.postEphemeral").length).toBe(before);
  });
});
