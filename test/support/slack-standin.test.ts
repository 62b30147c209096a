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

  it("opens a DM only for user ids, and shares uploaded files only into channel ids it knows", async () => {
    expect(await call("conversations.open", {})).toEqual({ ok: false, error: "users_list_not_supplied" });
    expect(await call("conversations.open", { users: "CTEAM0001" })).toEqual({
      ok: false,
      error: "user_not_found",
    });
    expect(await call("conversations.open", { users: "U0MEMBER01" })).toEqual({
      ok: true,
      channel: { id: "D0MEMBER01" },
    });

    expect(await call("files.getUploadURLExternal", { length: "3" })).toMatchObject({
      ok: false,
      error: "invalid_arguments",
    });
    expect(await call("files.getUploadURLExternal", { filename: "a.json", length: "0" })).toMatchObject({
      ok: false,
      error: "invalid_arguments",
    });
    // "Ä" is two bytes in UTF-8: the announced length counts bytes, not characters.
    const announced = await call("files.getUploadURLExternal", { filename: "a.json", length: "2" });
    expect(announced).toMatchObject({ ok: true, file_id: expect.stringMatching(/^F0[A-Z0-9]+$/) });
    const files = JSON.stringify([{ id: announced.file_id, title: "A" }]);
    expect(await call("files.completeUploadExternal", { files, channel_id: "D0MEMBER01" })).toEqual({
      ok: false,
      error: "file_not_found",
    });
    const upload = new FormData();
    upload.append("body", new Blob([Buffer.from("Ä", "utf8")]), "a.json");
    const posted = await fetch(String(announced.upload_url), { method: "POST", body: upload });
    expect(await posted.text()).toBe("OK - 2");
    expect(await call("files.completeUploadExternal", { files, channel_id: "U0MEMBER01" })).toEqual({
      ok: false,
      error: "invalid_channel",
    });
    expect(await call("files.completeUploadExternal", { files, channel_id: "D0ANDERE01" })).toEqual({
      ok: false,
      error: "channel_not_found",
    });
    expect(await call("files.completeUploadExternal", { files: "[]" })).toMatchObject({
      ok: false,
      error: "invalid_arguments",
    });
    expect(await call("files.completeUploadExternal", { files, channel_id: "D0MEMBER01" })).toMatchObject({
      ok: true,
      files: [{ id: announced.file_id, title: "A" }],
    });
    expect(standin.files.get(String(announced.file_id))?.bytes?.toString("utf8")).toBe("Ä");

    const short = await call("files.getUploadURLExternal", { filename: "b.json", length: "1" });
    await fetch(String(short.upload_url), { method: "POST", body: Buffer.from("Ä", "utf8") });
    expect(
      await call("files.completeUploadExternal", {
        files: JSON.stringify([{ id: short.file_id }]),
        channel_id: "D0MEMBER01",
      }),
    ).toMatchObject({ ok: false, error: "invalid_arguments" });
  });

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
