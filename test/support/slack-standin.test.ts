import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackStandin } from "./slack-standin.ts";

/** The stand-in is only useful if it refuses what Slack refuses. */
describe("the Slack stand-in is as strict as Slack", () => {
  let standin: SlackStandin;
  beforeAll(async () => {
    standin = await new SlackStandin({ members: ["U0MEMBER01"] }).start();
  });
  afterAll(() => standin.stop());

  const call = async (method: string, args: Record<string, string>) =>
    (await (
      await fetch(`${standin.url}${method}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(args).toString(),
      })
    ).json()) as Record<string, unknown>;

  it("answers chat.postEphemeral to a non-member with user_not_in_channel, an unknown channel with channel_not_found", async () => {
    expect(
      await call("chat.postEphemeral", { channel: "CTEAM0001", user: "U0MEMBER01", text: "x" }),
    ).toMatchObject({
      ok: true,
    });
    expect(await call("chat.postEphemeral", { channel: "CTEAM0001", user: "U0OUTSIDE1", text: "x" })).toEqual(
      {
        ok: false,
        error: "user_not_in_channel",
      },
    );
    expect(
      await call("chat.postEphemeral", { channel: "C0UNBEKANNT", user: "U0MEMBER01", text: "x" }),
    ).toEqual({
      ok: false,
      error: "channel_not_found",
    });
  });

  it("reports each user's own team, and the app's in auth.test", async () => {
    standin.addForeignUser("U0EXTERN01", "T0EXTERN01");
    expect(await call("auth.test", {})).toMatchObject({ team_id: "T0AGENTUR1" });
    expect(await call("users.info", { user: "U0MEMBER01" })).toMatchObject({
      user: { team_id: "T0AGENTUR1" },
    });
    expect(await call("users.info", { user: "U0EXTERN01" })).toMatchObject({
      user: { team_id: "T0EXTERN01" },
    });
  });

  it("describes the team channel in conversations.info, and no other", async () => {
    standin.channelInfo = { is_private: false, is_shared: true, is_ext_shared: true };
    expect(await call("conversations.info", { channel: "CTEAM0001" })).toMatchObject({
      ok: true,
      channel: { id: "CTEAM0001", is_private: false, is_shared: true, is_ext_shared: true },
    });
    expect(await call("conversations.info", { channel: "C0UNBEKANNT" })).toEqual({
      ok: false,
      error: "channel_not_found",
    });
    expect(await call("conversations.members", { channel: "C0UNBEKANNT" })).toEqual({
      ok: false,
      error: "channel_not_found",
    });
  });

  it("serves a response_url 5 times within 30 minutes, then refuses it", async () => {
    const post = async (url: string, text: string) => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", text }),
      });
      return { status: res.status, body: await res.json() };
    };
    const url = standin.responseUrl();
    for (let i = 1; i <= 5; i++)
      expect(await post(url, `Nr. ${i}`)).toEqual({ status: 200, body: { ok: true } });
    expect(await post(url, "Nr. 6")).toEqual({ status: 404, body: { ok: false, error: "used_url" } });
    expect(standin.responses.filter((r) => r.status === 200).map((r) => r.body.text)).toEqual([
      "Nr. 1",
      "Nr. 2",
      "Nr. 3",
      "Nr. 4",
      "Nr. 5",
    ]);

    let clock = Date.parse("2026-03-02T09:00:00Z");
    standin.now = () => clock;
    const fresh = standin.responseUrl();
    clock += 30 * 60_000;
    expect((await post(fresh, "gerade noch")).status).toBe(200);
    clock += 1;
    expect(await post(fresh, "zu spät")).toEqual({ status: 404, body: { ok: false, error: "expired_url" } });
    expect((await post(`http://127.0.0.1:${standin.port}/response/R0NICHTDA1`, "x")).body).toEqual({
      ok: false,
      error: "invalid_url",
    });
  });
});
