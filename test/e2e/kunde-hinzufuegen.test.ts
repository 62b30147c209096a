import { describe, expect, it } from "vitest";
import { ActionId, CallbackId, FieldId } from "../../blocks/ids.ts";
import { blockKitViolations, viewViolations } from "../../blocks/limits.ts";
import { TEAM_CHANNEL } from "../support/app.ts";
import { dbKinds } from "../support/db.ts";
import { inquiryBody, postIntake } from "../support/intake.ts";
import { blockAction, texts, viewSubmission } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

type Posted = { channel: string; ts: string; blocks: unknown[] };

/** Mrkdwn texts of a block tree: where an unescaped <!channel> would ping. */
function mrkdwnTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) mrkdwnTexts(n, out);
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.type === "mrkdwn" && typeof o.text === "string") out.push(o.text);
    for (const v of Object.values(o)) mrkdwnTexts(v, out);
  }
  return out;
}

describe.each(dbKinds())("Kunde hinzufügen end to end (%s)", (kind) => {
  const t = useTestApp({ kind, members: ["U0ANNA0001", "U0BEN00001"] });

  /** An inquiry through the intake API, and its message in the channel. */
  async function postedInquiry(body: Record<string, unknown>): Promise<{ id: string; message: Posted }> {
    const res = await postIntake(t.app.baseUrl, "inquiries", inquiryBody(body));
    expect(res.status).toBe(201);
    const id = String(res.body.id);
    await expect
      .poll(async () => (await t.app.deps.prisma.inquiry.findUnique({ where: { id } }))?.slackTs, {
        timeout: 15_000,
      })
      .toBeTruthy();
    const row = await t.app.deps.prisma.inquiry.findUniqueOrThrow({ where: { id } });
    const call = t.standin
      .okCallsOf("chat.postMessage")
      .find((c) => (c.response as { ts?: string }).ts === row.slackTs);
    return {
      id,
      message: {
        channel: String(row.slackChannel),
        ts: String(row.slackTs),
        blocks: JSON.parse(String(call?.args.blocks)),
      },
    };
  }

  const clickAdd = async (id: string, message: Posted, user = "U0ANNA0001") => {
    const before = t.standin.callsOf("views.open").length;
    const payload = blockAction({
      user,
      actionId: ActionId.assignRequestInquiry,
      value: id,
      channel: message.channel,
      messageTs: message.ts,
    });
    expect((await t.app.interact(payload)).status).toBe(200);
    await t.standin.waitFor((s) => s.callsOf("views.open").length > before, 10_000, "views.open");
    const call = t.standin.callsOf("views.open").at(-1);
    expect(call?.args.trigger_id).toBe(payload.trigger_id);
    return JSON.parse(String(call?.args.view));
  };

  const updatesOf = (m: Posted) =>
    t.standin.okCallsOf("chat.update").filter((c) => c.args.channel === m.channel && c.args.ts === m.ts);

  it("posts, opens the modal, creates the customer, and updates the channel message", async () => {
    const { id, message } = await postedInquiry({
      name: "Jonas Becker",
      email: "jonas@becker-bau.de",
      company: "Becker Bau",
    });
    expect(JSON.stringify(message.blocks)).toContain(ActionId.assignRequestInquiry);
    const view = await clickAdd(id, message);
    expect(viewViolations(view)).toEqual([]);
    const res = await t.app.interact(
      viewSubmission({
        user: "U0ANNA0001",
        callbackId: CallbackId.assignRequest,
        privateMetadata: view.private_metadata,
        values: texts({
          [FieldId.company]: "Becker Bau",
          [FieldId.lastName]: "Becker",
          [FieldId.email]: "jonas@becker-bau.de",
        }),
      }),
    );
    expect(res.text).toBe("");
    await t.standin.waitFor(() => updatesOf(message).length === 1, 10_000, "chat.update of the message");
    const update = updatesOf(message)[0];
    const blocks = JSON.parse(String(update?.args.blocks));
    expect(JSON.stringify(blocks)).not.toContain(ActionId.assignRequestInquiry);
    expect(JSON.stringify(blocks)).toContain("<@U0ANNA0001>");
    expect(JSON.stringify(blocks)).toContain("Becker Bau");
    expect(blockKitViolations("message", blocks, { text: String(update?.args.text) })).toEqual([]);
    const row = await t.app.deps.prisma.inquiry.findUniqueOrThrow({
      where: { id },
      include: { customer: true },
    });
    expect(row).toMatchObject({ status: "assigned", decidedBy: "U0ANNA0001", newCustomer: true });
    expect(row.customer?.company).toBe("Becker Bau");
    expect(
      await t.app.deps.prisma.auditEntry.count({ where: { entityId: id, action: "inquiry.assigned" } }),
    ).toBe(1);
  });

  it("repairs a message whose update failed while Slack was down, on the next click", async () => {
    const { id, message } = await postedInquiry({ email: "down@example.com" });
    const view = await clickAdd(id, message);
    t.standin.fault("chat.update", { kind: "http", status: 503 });
    await t.app.interact(
      viewSubmission({
        user: "U0ANNA0001",
        callbackId: CallbackId.assignRequest,
        privateMetadata: view.private_metadata,
        values: texts({ [FieldId.company]: "Ausfall GmbH" }),
      }),
    );
    await t.standin.waitFor(
      (s) => s.calls.some((c) => c.method === "chat.update" && c.status === 503),
      3_000,
      "a failed update",
    );
    expect(updatesOf(message)).toHaveLength(0);
    t.standin.clearFaults();
    // A colleague clicks the old button: told who decided, and the message is repaired at once.
    const notice = await clickAdd(id, message, "U0BEN00001");
    expect(JSON.stringify(notice.blocks)).toContain("hat <@U0ANNA0001> bereits");
    await t.standin.waitFor(() => updatesOf(message).length >= 1, 10_000, "the repaired message");
    expect(String(updatesOf(message)[0]?.args.blocks)).toContain("Ausfall GmbH");
  });

  it("keeps outside text inert and within Block Kit limits", async () => {
    const nasty = `<!channel> <@U0ANNA0001> <https://evil.example|klick> & ${"ä".repeat(150)}`.slice(0, 200);
    const { id, message } = await postedInquiry({
      name: nasty,
      company: nasty,
      message: `<!here> ${"x".repeat(9_990)}`,
    });
    const view = await clickAdd(id, message);
    expect(viewViolations(view)).toEqual([]);
    for (const t of mrkdwnTexts(view.blocks))
      expect(t).not.toMatch(/<!channel>|<!here>|<@U0ANNA0001>|<https:/);
    await t.app.interact(
      viewSubmission({
        user: "U0ANNA0001",
        callbackId: CallbackId.assignRequest,
        privateMetadata: view.private_metadata,
        values: texts({ [FieldId.company]: nasty }),
      }),
    );
    await t.standin.waitFor(() => updatesOf(message).length === 1, 10_000, "chat.update");
    const update = updatesOf(message)[0];
    const blocks = JSON.parse(String(update?.args.blocks));
    expect(blockKitViolations("message", blocks, { text: String(update?.args.text) })).toEqual([]);
    for (const t of [...mrkdwnTexts(blocks), String(update?.args.text)]) {
      expect(t).not.toMatch(/<!channel>|<!here>|<https:/);
      expect(t.replace(/<@U0ANNA0001>/g, "")).not.toMatch(/<@/);
    }
    expect(update?.args.channel).toBe(TEAM_CHANNEL);
  });
});
