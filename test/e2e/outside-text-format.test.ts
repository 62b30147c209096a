import { describe, expect, it } from "vitest";
import { ActionId, CallbackId, FieldId } from "../../blocks/ids.ts";
import { mrkdwn, type RenderContext, blocks as renderBlocks } from "../../sandbox/render.ts";
import { inquiryBody, postIntake } from "../support/intake.ts";
import { blockAction, texts, viewSubmission } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

const ctx: RenderContext = { users: {}, channels: {}, tz: "Europe/Berlin", now: new Date() };

/** What a reader sees: the rendered HTML without tags, entities decoded, zero-width spaces gone. */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\u200B/g, "");

/** Every formatted span of the rendered HTML (bold, italic, strike, code, quote) with its text. */
const formatted = (html: string) =>
  [...html.matchAll(/<(b|i|s|code|pre|blockquote)>([\s\S]*?)<\/\1>/g)].map((m) => `${m[1]}:${m[2]}`);

/**
 * Issue 20, point 8: text that came from outside shows as written. A company `ACME *bold*` is not
 * bold, a name `_Eva_` not italic, in the channel message (rendered the way the sandbox renders
 * Slack's mrkdwn) and in the decision line after Kunde hinzufügen.
 */
describe("outside text never formats", () => {
  const t = useTestApp({ members: ["U0ANNA0001"] });
  const outside = {
    name: "_Eva_ ~Schäfer~",
    company: "ACME *bold*",
    email: "max_muster@example.com",
  };

  it("in the channel message and the decision line", async () => {
    const res = await postIntake(t.app.baseUrl, "inquiries", inquiryBody(outside));
    expect(res.status).toBe(201);
    const id = String(res.body.id);
    await expect
      .poll(async () => (await t.app.deps.prisma.inquiry.findUnique({ where: { id } }))?.slackTs, {
        timeout: 5_000,
      })
      .toBeTruthy();
    const row = await t.app.deps.prisma.inquiry.findUniqueOrThrow({ where: { id } });
    const post = t.standin.findMessage(row.slackChannel, row.slackTs);
    expect(post).toBeDefined();
    const html = renderBlocks(post?.blocks, ctx);
    const shown = visible(html);
    for (const text of Object.values(outside)) expect(shown).toContain(text);
    for (const span of formatted(html)) expect(span).not.toMatch(/bold|Eva|Schäfer|muster/);
    // The top-level text (notifications) is mrkdwn too.
    const top = mrkdwn(post?.text ?? "", ctx);
    expect(visible(top)).toContain("ACME *bold*");
    expect(formatted(top)).toEqual([]);

    const opens = t.standin.callsOf("views.open").length;
    await t.app.interact(
      blockAction({
        user: "U0ANNA0001",
        actionId: ActionId.assignRequestInquiry,
        value: id,
        channel: String(row.slackChannel),
        messageTs: String(row.slackTs),
      }),
    );
    await t.standin.waitFor((s) => s.callsOf("views.open").length > opens, 10_000, "views.open");
    const view = JSON.parse(String(t.standin.callsOf("views.open").at(-1)?.args.view));
    const answer = await t.app.interact(
      viewSubmission({
        user: "U0ANNA0001",
        callbackId: CallbackId.assignRequest,
        privateMetadata: view.private_metadata,
        values: texts({ [FieldId.company]: outside.company, [FieldId.email]: outside.email }),
      }),
    );
    expect(answer.text).toBe("");
    await t.standin.waitFor((s) => (s.findMessage(row.slackChannel, row.slackTs)?.version ?? 0) > 1);
    const decided = renderBlocks(t.standin.findMessage(row.slackChannel, row.slackTs)?.blocks, ctx);
    expect(visible(decided)).toContain("Kunde: „ACME *bold*“");
    const spans = formatted(decided);
    expect(spans).toContain("b:Kunde zugeordnet");
    for (const span of spans) expect(span).not.toMatch(/bold|Eva|Schäfer|muster/);
  });
});
