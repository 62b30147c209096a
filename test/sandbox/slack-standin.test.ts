import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackStandin } from "../support/slack-standin.ts";

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

  it("reports each call to onCall when it arrives, before it is answered (benchmarks time that)", async () => {
    const seen: { method: string; answered: boolean }[] = [];
    standin.onCall = (c) => seen.push({ method: c.method, answered: c.response !== undefined });
    try {
      await call("auth.test", {});
    } finally {
      standin.onCall = undefined;
    }
    expect(seen).toEqual([{ method: "auth.test", answered: false }]);
  });

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
    // Sharing posts a message in the DM with the file, its text the initial comment, as Slack does.
    const shared = standin.messages.filter((m) => m.channel === "D0MEMBER01");
    expect(shared).toMatchObject([{ user: "U0KUNDENBOT", files: [announced.file_id] }]);
    expect(standin.dmChannelOf("U0MEMBER01")).toBe("D0MEMBER01");
    // The DM and the shared file survive a restart (the saved state is JSON).
    const again = new SlackStandin().restore(JSON.parse(JSON.stringify(standin.snapshot())));
    expect(again.dmChannelOf("U0MEMBER01")).toBe("D0MEMBER01");
    expect(again.files.get(String(announced.file_id))).toMatchObject({
      filename: "a.json",
      title: "A",
      channel: "D0MEMBER01",
    });
    expect(again.files.get(String(announced.file_id))?.bytes?.toString("utf8")).toBe("Ä");

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

/** Issue 20, point 9: the stand-in is a door on loopback like the page, and guards it like the page. */
describe("the stand-in's own doors", () => {
  let standin: SlackStandin;
  beforeAll(async () => {
    standin = await new SlackStandin({ members: ["U0MEMBER01"] }).start();
  });
  afterAll(() => standin.stop());

  /** A raw request with the headers a browser on another origin would send (fetch sets Host itself). */
  const raw = (pathname: string, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port: standin.port, path: pathname, method: "POST", headers },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify({ text: "von außen" }));
    });

  it("refuses a request addressed by another name (DNS rebinding) or sent from another origin", async () => {
    const own = `127.0.0.1:${standin.port}`;
    const url = new URL(standin.responseUrl({ user: "U0MEMBER01", channel: "CTEAM0001" }));
    const json = { "content-type": "application/json" };
    expect(await raw(url.pathname, { ...json, host: `evil.example:${standin.port}` })).toBe(403);
    expect(await raw(url.pathname, { ...json, host: own, origin: "http://evil.example" })).toBe(403);
    expect(await raw("/api/auth.test", { ...json, host: `evil.example:${standin.port}` })).toBe(403);
    expect(standin.responses).toEqual([]);
    // The bot's own calls (no Origin, Host as in the URL) and the page's own origin still pass.
    expect(await raw(url.pathname, { ...json, host: own })).toBe(200);
    expect(
      await raw("/api/auth.test", {
        ...json,
        host: `localhost:${standin.port}`,
        origin: `http://localhost:${standin.port}`,
      }),
    ).toBe(200);
  });

  it("hands out response_urls nobody can guess from the ones before", async () => {
    const ids = Array.from(
      { length: 50 },
      () => new URL(standin.responseUrl()).pathname.split("/").pop() ?? "",
    );
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^R[0-9A-F]{32}$/);
    // A counter's next value is what a guesser would try: it leads nowhere.
    const guess = await fetch(`http://127.0.0.1:${standin.port}/response/R000000002`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "geraten" }),
    });
    expect(await guess.json()).toEqual({ ok: false, error: "invalid_url" });
  });
});

/** The state the sandbox shows: what Slack keeps, and Slack's errors where it gives them. */
describe("the stand-in keeps Slack's state", () => {
  let standin: SlackStandin;
  let clock = Date.parse("2026-12-02T09:00:00Z");
  beforeAll(async () => {
    standin = await new SlackStandin({
      channel: "CKUNDENTEAM",
      members: ["U0ANNA0001"],
      users: [{ id: "U0ANNA0001", realName: "Anna Acker" }],
      strict: true,
    }).start();
    standin.now = () => clock;
  });
  afterAll(() => standin.stop());

  const call = async (method: string, args: Record<string, unknown>) =>
    (await (
      await fetch(`${standin.url}${method}`, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(args),
      })
    ).json()) as Record<string, unknown> & { view?: { id: string; hash: string } };
  const modal = (title: string) => ({
    type: "modal",
    title: { type: "plain_text", text: title },
    blocks: [{ type: "section", text: { type: "mrkdwn", text: title } }],
  });

  it("keeps messages with versions and threads, and refuses unknown ones", async () => {
    const posted = (await call("chat.postMessage", { channel: "CKUNDENTEAM", text: "Neue Anfrage" })) as {
      ts: string;
    };
    await call("chat.postMessage", { channel: "CKUNDENTEAM", text: "Notiz", thread_ts: posted.ts });
    await call("chat.update", { channel: "CKUNDENTEAM", ts: posted.ts, text: "Entschieden" });
    expect(standin.messages.find((m) => m.ts === posted.ts)).toMatchObject({
      text: "Entschieden",
      version: 2,
    });
    expect(standin.messages.filter((m) => m.threadTs === posted.ts)).toHaveLength(1);
    expect(await call("chat.update", { channel: "CKUNDENTEAM", ts: "1.000999", text: "x" })).toEqual({
      ok: false,
      error: "message_not_found",
    });
    expect(
      await call("chat.postMessage", { channel: "CKUNDENTEAM", text: "x", thread_ts: "1.000999" }),
    ).toEqual({
      ok: false,
      error: "thread_not_found",
    });
  });

  it("takes a trigger_id once and for 3 s only", async () => {
    const trigger = standin.triggerId("U0ANNA0001");
    expect(await call("views.open", { trigger_id: trigger, view: modal("Eins") })).toMatchObject({
      ok: true,
    });
    expect(await call("views.open", { trigger_id: trigger, view: modal("Eins") })).toEqual({
      ok: false,
      error: "exchanged_trigger_id",
    });
    const late = standin.triggerId("U0ANNA0001");
    clock += 3_001;
    expect(await call("views.open", { trigger_id: late, view: modal("Zwei") })).toEqual({
      ok: false,
      error: "expired_trigger_id",
    });
    expect(await call("views.open", { trigger_id: "12345.67.fremd", view: modal("Drei") })).toEqual({
      ok: false,
      error: "invalid_trigger_id",
    });
  });

  it("stacks at most 3 modals per user, and views.update with an old hash is a hash_conflict", async () => {
    const first = await call("views.open", {
      trigger_id: standin.triggerId("U0ANNA0001"),
      view: modal("Eins"),
    });
    await call("views.push", { trigger_id: standin.triggerId("U0ANNA0001"), view: modal("Zwei") });
    await call("views.push", { trigger_id: standin.triggerId("U0ANNA0001"), view: modal("Drei") });
    expect(
      await call("views.push", { trigger_id: standin.triggerId("U0ANNA0001"), view: modal("Vier") }),
    ).toEqual({
      ok: false,
      error: "push_limit_reached",
    });
    expect(standin.modals.get("U0ANNA0001")?.map((v) => v.title?.text)).toEqual(["Eins", "Zwei", "Drei"]);

    const id = first.view?.id as string;
    const updated = await call("views.update", {
      view_id: id,
      hash: first.view?.hash,
      view: modal("Eins neu"),
    });
    expect(updated).toMatchObject({ ok: true, view: { id } });
    expect(
      await call("views.update", { view_id: id, hash: first.view?.hash, view: modal("zu spät") }),
    ).toEqual({
      ok: false,
      error: "hash_conflict",
    });
    expect(await call("views.update", { view_id: "V0NICHTDA01", view: modal("x") })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(
      await call("views.open", { trigger_id: standin.triggerId("U0ANNA0001"), view: modal("x".repeat(25)) }),
    ).toMatchObject({ ok: false, error: "invalid_arguments" });
  });

  it("keeps one App Home per user, with its id across publishes", async () => {
    const home = { type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text: "Start" } }] };
    const a = await call("views.publish", { user_id: "U0ANNA0001", view: home });
    const b = await call("views.publish", { user_id: "U0ANNA0001", view: home });
    expect(b.view?.id).toBe(a.view?.id);
    expect(b.view?.hash).not.toBe(a.view?.hash);
    expect(await call("views.publish", { view: home })).toEqual({ ok: false, error: "invalid_arguments" });
  });

  it("applies response_url answers: ephemeral, in_channel, replace_original, delete_original", async () => {
    const post = (url: string, body: unknown) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const msg = (await call("chat.postMessage", { channel: "CKUNDENTEAM", text: "Original" })) as {
      ts: string;
    };
    const ctx = { user: "U0ANNA0001", channel: "CKUNDENTEAM", messageTs: msg.ts };
    await post(standin.responseUrl(ctx), { text: "Nur für Anna" });
    expect(standin.ephemerals.at(-1)).toMatchObject({ to: "U0ANNA0001", text: "Nur für Anna" });
    await post(standin.responseUrl(ctx), { response_type: "in_channel", text: "Für alle" });
    expect(standin.messages.at(-1)).toMatchObject({ text: "Für alle" });
    await post(standin.responseUrl(ctx), { replace_original: true, text: "Ersetzt" });
    expect(standin.messages.find((m) => m.ts === msg.ts)).toMatchObject({ text: "Ersetzt", version: 2 });
    await post(standin.responseUrl(ctx), { delete_original: true });
    expect(standin.messages.find((m) => m.ts === msg.ts)).toBeUndefined();
  });

  it("survives a restart through its snapshot", async () => {
    const copy = new SlackStandin({ strict: true }).restore(JSON.parse(JSON.stringify(standin.snapshot())));
    expect(copy.messages).toEqual(standin.messages);
    expect(copy.homes.get("U0ANNA0001")?.id).toBe(standin.homes.get("U0ANNA0001")?.id);
    expect(copy.nextTs()).not.toBe(standin.messages.at(-1)?.ts);
  });

  it("answers users.info with names, and user_not_found for unknown users", async () => {
    expect(await call("users.info", { user: "U0ANNA0001" })).toMatchObject({
      user: { real_name: "Anna Acker" },
    });
    expect(await call("users.info", { user: "U0NIEMAND1" })).toEqual({ ok: false, error: "user_not_found" });
  });
});
