import { WebClient } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { blockKitViolations } from "../../blocks/limits.ts";
import { dbKinds } from "../support/db.ts";
import type { SentView } from "../support/interactions.ts";
import { slashCommand } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { linkableOutsideText } from "../support/outside-text.ts";

/** The App Home and /kunden hilfe as a real workspace takes them: the stand-in refuses what Slack refuses. */
describe.each(dbKinds())("Block Kit that Slack accepts, on %s", (kind) => {
  const t = useTestApp({ kind, members: ["U0MEMBER01"] });
  const client = () =>
    new WebClient("xoxb-test-token", { slackApiUrl: t.standin.url, retryConfig: { retries: 0 } });
  const button = (value: string) => [
    {
      type: "actions",
      elements: [{ type: "button", action_id: "a", text: { type: "plain_text", text: "x" }, value }],
    },
  ];

  it("the stand-in refuses an empty button value like Slack: invalid_blocks with the json-pointer", async () => {
    const err = await refusal(
      client().chat.postMessage({ channel: "CTEAM0001", text: "x", blocks: button("") }),
    );
    expect(err).toMatchObject({
      ok: false,
      error: "invalid_blocks",
      response_metadata: {
        messages: ["[ERROR] must be more than 0 characters [json-pointer:/blocks/0/elements/0/value]"],
      },
    });
    await expect(
      client().chat.postMessage({ channel: "CTEAM0001", text: "x", blocks: button("v") }),
    ).resolves.toMatchObject({
      ok: true,
    });
  });

  it("the stand-in refuses views with an empty field or over 100 blocks with invalid_arguments, and 51 blocks in a message", async () => {
    const view = (blocks: unknown[]) => ({ type: "home" as const, blocks: blocks as never });
    const published = await refusal(
      client().views.publish({ user_id: "U0MEMBER01", view: view(button("")) }),
    );
    expect(published).toMatchObject({
      error: "invalid_arguments",
      response_metadata: {
        messages: ["[ERROR] must be more than 0 characters [json-pointer:/view/blocks/0/elements/0/value]"],
      },
    });
    const divider = { type: "divider" };
    const big = await refusal(
      client().views.publish({ user_id: "U0MEMBER01", view: view(Array(101).fill(divider)) }),
    );
    expect(big).toMatchObject({
      error: "invalid_arguments",
      response_metadata: { messages: ["[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]"] },
    });
    const long = await refusal(
      client().chat.update({ channel: "CTEAM0001", ts: "1.1", text: "x", blocks: Array(51).fill(divider) }),
    );
    expect(long).toMatchObject({
      error: "invalid_blocks",
      response_metadata: { messages: ["[ERROR] no more than 50 items allowed [json-pointer:/blocks]"] },
    });
  });

  it("views answer with a view id and hash in Slack's shape, the id kept on views.update", async () => {
    const opened = await client().views.open({
      trigger_id: "1.2.3",
      view: { type: "modal", title: { type: "plain_text", text: "t" }, blocks: [divider()] },
    });
    const v = opened.view as unknown as { id: string; hash: string };
    expect(v.id).toMatch(/^V[A-Z0-9]+$/);
    expect(v.hash).toMatch(/^\d+\.\w+$/);
    const updated = await client().views.update({
      view_id: v.id,
      view: { type: "modal", title: { type: "plain_text", text: "u" }, blocks: [divider()] },
    });
    expect((updated.view as { id: string }).id).toBe(v.id);
    expect((updated.view as { hash: string }).hash).not.toBe(v.hash);
  });

  it("the App Home renders: views.publish is answered ok", async () => {
    const before = t.standin.callsOf("views.publish").length;
    await t.app.event({ type: "app_home_opened", user: "U0MEMBER01", channel: "D0MEMBER01", tab: "home" });
    await t.standin.waitFor((s) => s.callsOf("views.publish").length > before, 5_000, "views.publish");
    const answer = t.standin.callsOf("views.publish").at(-1)?.response as { ok: boolean; view?: SentView };
    expect(answer).toMatchObject({ ok: true });
    expect(answer.view?.blocks.length).toBeGreaterThan(0);
  });

  it("/kunden hilfe answers, in its ack, with blocks Slack accepts", async () => {
    const res = await slashCommand(t.app, t.standin, "hilfe");
    expect(res.status).toBe(200);
    const body = res.json() as { text: string; blocks: unknown[] };
    expect(body.blocks.length).toBeGreaterThan(0);
    expect(blockKitViolations("message", body.blocks, { text: body.text })).toEqual([]);
    expect(linkableOutsideText(body.blocks, ["#allgemein"])).toEqual([]);
  });
});

/** What Slack answered a call that it refused (the WebClient throws on ok: false). */
async function refusal(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (err) {
    return (err as { data?: unknown }).data;
  }
  throw new Error("Slack (the stand-in) accepted the call");
}

function divider() {
  return { type: "divider" as const };
}
