import { describe, expect, it } from "vitest";
import { ActionId, CallbackId, RecordInquiryBlock } from "../../blocks/ids.ts";
import { inquiryBody, postIntake } from "../support/intake.ts";
import { useTestApp } from "../support/lifecycle.ts";

const user = { id: "U0MEMBER01", username: "eva", team_id: "T0AGENTUR1" };

/** The modal's state as Slack sends it on submit. */
function submission(fields: Partial<Record<keyof typeof RecordInquiryBlock, string | number>>) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [field, blockId] of Object.entries(RecordInquiryBlock)) {
    const v = fields[field as keyof typeof RecordInquiryBlock];
    values[blockId] =
      field === "receivedAt"
        ? { value: { type: "datetimepicker", selected_date_time: v ?? null } }
        : { value: { type: field === "email" ? "email_text_input" : "plain_text_input", value: v ?? null } };
  }
  return {
    type: "view_submission",
    team: { id: "T0AGENTUR1" },
    user,
    api_app_id: "A0KUNDENBOT",
    token: "legacy",
    trigger_id: "1.2.3",
    view: {
      id: "V1",
      type: "modal",
      callback_id: CallbackId.recordInquiry,
      private_metadata: "",
      state: { values },
      hash: "h",
      title: { type: "plain_text", text: "Anfrage erfassen" },
      blocks: [],
    },
  };
}

describe("manual intake (/kunden anfrage and the shortcut)", () => {
  const t = useTestApp({ kind: "pglite" });

  const openedViews = () =>
    t.standin
      .okCallsOf("views.open")
      .map((c) => JSON.parse(String(c.args.view)) as { callback_id?: string; blocks: unknown[] });

  it("/kunden anfrage opens the modal right after the ack", async () => {
    t.standin.reset();
    const res = await t.app.command({
      command: "/kunden",
      text: "anfrage",
      user_id: user.id,
      team_id: "T0AGENTUR1",
      channel_id: "CTEAM0001",
      trigger_id: "1.2.3",
      response_url: "https://standin.slack.test/resp",
    });
    expect(res.status).toBe(200);
    await t.standin.waitFor((s) => s.okCallsOf("views.open").length === 1, 10_000);
    expect(openedViews()[0]?.callback_id).toBe(CallbackId.recordInquiry);
  });

  it("the global shortcut opens the same modal", async () => {
    t.standin.reset();
    const res = await t.app.interact({
      type: "shortcut",
      callback_id: CallbackId.recordInquiry,
      trigger_id: "1.2.4",
      team: { id: "T0AGENTUR1" },
      user,
      api_app_id: "A0KUNDENBOT",
      token: "legacy",
      action_ts: "1",
    });
    expect(res.status).toBe(200);
    await t.standin.waitFor((s) => s.okCallsOf("views.open").length === 1, 10_000);
    expect(openedViews()[0]?.callback_id).toBe(CallbackId.recordInquiry);
  });

  it("shows errors under the fields that do not fit, and stores nothing", async () => {
    const before = await t.app.deps.prisma.inquiry.count();
    const res = await t.app.interact(
      submission({ name: "", email: "keine-adresse", receivedAt: Math.floor(Date.now() / 1000) + 86_400 }),
    );
    expect(res.status).toBe(200);
    const body = res.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(Object.keys(body.errors).sort()).toEqual(
      [RecordInquiryBlock.email, RecordInquiryBlock.name, RecordInquiryBlock.receivedAt].sort(),
    );
    expect(await t.app.deps.prisma.inquiry.count()).toBe(before);
  });

  it("stores a valid inquiry as manual, by the user, and posts it like an API request", async () => {
    t.standin.reset();
    const res = await t.app.interact(
      submission({
        name: "Hans <!channel> Meier",
        email: "hans@example.com",
        phone: "0171 2345678",
        message: "Rief an wegen Relaunch.",
        receivedAt: 1_795_800_000,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    const stored = await t.app.deps.prisma.inquiry.findFirstOrThrow({
      where: { email: "hans@example.com" },
      select: { id: true, source: true, createdBy: true, receivedAt: true, phone: true },
    });
    expect(stored).toMatchObject({ source: "manual", createdBy: "U0MEMBER01", phone: "0171 2345678" });
    expect(stored.receivedAt.getTime()).toBe(1_795_800_000_000);
    await t.standin.waitFor((s) => s.okCallsOf("chat.postMessage").length === 1, 10_000);
    const blocks = String(t.standin.okCallsOf("chat.postMessage")[0]?.args.blocks);
    expect(blocks).toContain("manuell erfasst von <@U0MEMBER01>");
    expect(blocks).toContain(stored.id);
    expect(blocks).toContain("Hans &lt;!channel&gt; Meier");
  });

  it("'Ganze Nachricht' opens the whole text of a long message", async () => {
    const message = `${"Lange Nachricht. ".repeat(500)}Ende.`;
    const res = await postIntake(t.app.baseUrl, "inquiries", inquiryBody({ message }));
    const id = String(res.body.id);
    t.standin.reset();
    await t.app.interact({
      type: "block_actions",
      team: { id: "T0AGENTUR1" },
      user,
      api_app_id: "A0KUNDENBOT",
      token: "legacy",
      trigger_id: "1.2.5",
      container: { type: "message", channel_id: "CTEAM0001", message_ts: "1.1" },
      channel: { id: "CTEAM0001" },
      actions: [
        {
          type: "button",
          action_id: ActionId.showFullMessage,
          block_id: "request_message",
          value: `inquiry:${id}`,
          action_ts: "1",
        },
      ],
    });
    await t.standin.waitFor((s) => s.okCallsOf("views.open").length === 1, 10_000);
    const view = openedViews()[0] as { blocks: { text?: { text: string } }[] };
    const text = view.blocks.map((b) => b.text?.text ?? "").join("");
    expect(text).toBe(message);
  });
});
