import { describe, expect, it } from "vitest";
import { SIGNING_SECRET } from "../support/app.ts";
import { dbKinds } from "../support/db.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { interactionBody, postToSlackEndpoint } from "../support/sign.ts";

describe.each(dbKinds())("the app on %s", (kind) => {
  const t = useTestApp({ kind });

  it("answers /healthz when the database answers", async () => {
    const res = await fetch(`${t.app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("refuses a request with a wrong signature with 401", async () => {
    const body = interactionBody({ type: "block_actions", actions: [] });
    const res = await postToSlackEndpoint(
      t.app.baseUrl,
      SIGNING_SECRET,
      body,
      "application/x-www-form-urlencoded",
      {
        badSignature: true,
      },
    );
    expect(res.status).toBe(401);
  });

  it("refuses a correctly signed request older than 5 minutes", async () => {
    const body = interactionBody({ type: "block_actions", actions: [] });
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postToSlackEndpoint(
      t.app.baseUrl,
      SIGNING_SECRET,
      body,
      "application/x-www-form-urlencoded",
      {
        timestamp: old,
      },
    );
    expect(res.status).toBe(401);
  });

  it("acknowledges an action nobody handles, quickly, and stays healthy", async () => {
    const started = Date.now();
    const res = await t.app.interact({
      type: "block_actions",
      team: { id: "T0AGENTUR1" },
      user: { id: "U0MEMBER01" },
      api_app_id: "A0KUNDENBOT",
      token: "legacy",
      trigger_id: "1.2.3",
      container: { type: "message", channel_id: "CTEAM0001", message_ts: "1.1" },
      channel: { id: "CTEAM0001" },
      actions: [{ type: "button", action_id: "no_such_action", block_id: "b", action_ts: "1" }],
    });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await fetch(`${t.app.baseUrl}/healthz`)).status).toBe(200);
  });

  it.each(["view_submission", "view_closed"])(
    "acknowledges a %s of a modal nobody handles with an empty 200",
    async (type) => {
      const res = await t.app.interact({
        type,
        team: { id: "T0AGENTUR1" },
        user: { id: "U0MEMBER01", team_id: "T0AGENTUR1" },
        api_app_id: "A0KUNDENBOT",
        token: "legacy",
        view: {
          id: "V0UNKNOWN01",
          type: "modal",
          callback_id: "no_such_modal",
          private_metadata: "",
          state: { values: {} },
          hash: "1.1",
        },
      });
      expect(res.status).toBe(200);
      expect(res.text).toBe("");
    },
  );

  it("answers unknown routes with 404 and a JSON error", async () => {
    const res = await fetch(`${t.app.baseUrl}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: expect.any(String) });
  });

  it("asked the stand-in who it is (auth.test) with the bot token", async () => {
    await t.standin.waitFor((s) => s.callsOf("auth.test").length > 0, 5_000, "auth.test");
    expect(t.standin.callsOf("auth.test")[0]?.token).toBe("xoxb-test-token");
  });
});
