import { beforeEach, describe, expect, it } from "vitest";
import { ActionId, CallbackId, EXISTING_CUSTOMER_BLOCK, FieldId } from "../../blocks/ids.ts";
import { until } from "../e2e/support.ts";
import { dbKinds } from "../support/db.ts";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { blockAction, texts, viewSubmission } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

const ANNA = "U0ANNA0001";
const BEN = "U0BEN00001";

describe.each(dbKinds())("Übernehmen and Abgeben (%s)", (kind) => {
  const t = useTestApp({ kind, members: [ANNA, BEN] });
  beforeEach(() => t.standin.reset());
  const prisma = () => t.app.deps.prisma;

  const click = async (actionId: string, value: string, user: string) => {
    const responseUrl = t.standin.responseUrl();
    const res = await t.app.interact(
      blockAction({ user, actionId, value, responseUrl, messageTs: "1700000000.000100" }),
    );
    expect(res.status).toBe(200);
    return responseUrl.split("/").at(-1) as string;
  };
  // The click is acknowledged before the service runs: wait for the row to show the outcome.
  const holderIs = (kind: "inquiry" | "invitation", id: string, holder: string | null) =>
    until(
      async () => {
        const row =
          kind === "inquiry"
            ? await prisma().inquiry.findUniqueOrThrow({ where: { id }, select: { takenBy: true } })
            : await prisma().invitation.findUniqueOrThrow({ where: { id }, select: { takenBy: true } });
        return row.takenBy === holder;
      },
      5_000,
      `${kind} ${id} held by ${holder}`,
    );
  const updatesOf = (ts: string) =>
    t.standin
      .okCallsOf("chat.update")
      .filter((c) => c.args.ts === ts)
      .map((c) => ({ text: String(c.args.text), blocks: String(c.args.blocks) }));
  const waitForUpdate = async (ts: string, n: number) => {
    await t.standin.waitFor(() => updatesOf(ts).length >= n, 5_000, `chat.update #${n} of ${ts}`);
    return updatesOf(ts)[n - 1] as { text: string; blocks: string };
  };
  const answerTo = async (responseId: string) => {
    await t.standin.waitFor((s) => s.responses.some((r) => r.id === responseId), 5_000, "ephemeral answer");
    return t.standin.responses.find((r) => r.id === responseId)?.body as Record<string, unknown>;
  };

  it("takes the request in the database, audits it, and the message says who has it with Abgeben", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000001.000001" });
    await click(ActionId.takeRequest, `inquiry:${inquiry.id}`, ANNA);
    await holderIs("inquiry", inquiry.id, ANNA);
    const row = await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
    expect(row.takenAt).toBeInstanceOf(Date);
    const audit = await prisma().auditEntry.findMany({ where: { entityId: inquiry.id } });
    expect(audit.map((a) => [a.actor, a.action])).toEqual([[ANNA, "inquiry.taken"]]);

    const update = await waitForUpdate("1700000001.000001", 1);
    expect(update.blocks).toContain(`in Bearbeitung: <@${ANNA}>`);
    expect(update.blocks).toContain('"text":"Abgeben"');
    expect(update.blocks).toContain(`"action_id":"${ActionId.releaseRequest}"`);
    expect(update.blocks).not.toContain('"text":"Übernehmen"');
  });

  it("tells anyone else who has it, and only the holder's Abgeben releases it", async () => {
    const invitation = await seedInvitation(prisma(), { slackTs: "1700000002.000002" });
    const value = `invitation:${invitation.id}`;
    await click(ActionId.takeRequest, value, ANNA);
    await waitForUpdate("1700000002.000002", 1);

    for (const actionId of [ActionId.takeRequest, ActionId.releaseRequest]) {
      const answer = await answerTo(await click(actionId, value, BEN));
      expect(answer).toMatchObject({ response_type: "ephemeral", replace_original: false });
      expect(String(answer.text)).toContain(`bereits <@${ANNA}> übernommen`);
      expect((await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).takenBy).toBe(
        ANNA,
      );
    }

    await click(ActionId.releaseRequest, value, ANNA);
    await holderIs("invitation", invitation.id, null);
    const released = await waitForUpdate("1700000002.000002", 2);
    expect(released.blocks).toContain('"text":"Übernehmen"');
    expect(released.blocks).not.toContain("in Bearbeitung");

    // Released: now Ben may take it.
    await click(ActionId.takeRequest, value, BEN);
    await holderIs("invitation", invitation.id, BEN);
  });

  it("a decision ends it, also by someone who does not hold it", async () => {
    const inquiry = await seedInquiry(prisma(), { email: "ende@example.com", slackTs: "1700000003.000003" });
    await click(ActionId.takeRequest, `inquiry:${inquiry.id}`, ANNA);
    await holderIs("inquiry", inquiry.id, ANNA);
    const res = await t.app.interact(
      viewSubmission({
        user: BEN,
        callbackId: CallbackId.assignRequest,
        privateMetadata: JSON.stringify({ kind: "inquiry", id: inquiry.id }),
        values: {
          ...texts({ [FieldId.company]: "Ende GmbH", [FieldId.email]: "ende@example.com" }),
          [EXISTING_CUSTOMER_BLOCK]: {
            [ActionId.existingCustomer]: { type: "external_select", selected_option: null },
          },
        },
      }),
    );
    expect(res.status).toBe(200);
    const row = await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
    expect(row).toMatchObject({ status: "assigned", decidedBy: BEN, takenBy: null, takenAt: null });
    const decided = await waitForUpdate("1700000003.000003", 2);
    expect(decided.blocks).not.toContain("Abgeben");
    expect(decided.blocks).not.toContain("in Bearbeitung");

    // Übernehmen on the decided request changes nothing and says who decided.
    const answer = await answerTo(await click(ActionId.takeRequest, `inquiry:${inquiry.id}`, ANNA));
    expect(String(answer.text)).toContain(`hat <@${BEN}> bereits`);
    expect((await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).takenBy).toBeNull();
  });

  it("from the App Home: takes the request and publishes the Home again", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000004.000004" });
    const res = await t.app.interact(
      blockAction({
        user: ANNA,
        actionId: ActionId.takeRequest,
        value: `inquiry:${inquiry.id}`,
        container: "view",
      }),
    );
    expect(res.status).toBe(200);
    await t.standin.waitFor((s) => s.okCallsOf("views.publish").length > 0, 5_000, "views.publish");
    expect((await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).takenBy).toBe(ANNA);
  });

  it("the App Home lists Meine Anfragen first, with age and Abgeben; only the viewer's", async () => {
    const mineA = await seedInquiry(prisma(), { name: "Anna Eigene", slackTs: "1700000005.000005" });
    const mineB = await seedInvitation(prisma(), { name: "Anna Zweite", slackTs: "1700000005.000006" });
    const bens = await seedInquiry(prisma(), { name: "Bens Anfrage", slackTs: "1700000005.000007" });
    await click(ActionId.takeRequest, `inquiry:${mineA.id}`, ANNA);
    await click(ActionId.takeRequest, `invitation:${mineB.id}`, ANNA);
    await click(ActionId.takeRequest, `inquiry:${bens.id}`, BEN);
    await holderIs("inquiry", mineA.id, ANNA);
    await holderIs("invitation", mineB.id, ANNA);
    await holderIs("inquiry", bens.id, BEN);
    const published = t.standin.okCallsOf("views.publish").length;
    await t.app.event({ type: "app_home_opened", user: ANNA, channel: "D1", tab: "home" });
    await t.standin.waitFor((s) => s.okCallsOf("views.publish").length > published, 5_000, "views.publish");
    const home = JSON.parse(String(t.standin.okCallsOf("views.publish").at(-1)?.args.view)) as {
      blocks: {
        type: string;
        block_id?: string;
        text?: { text: string };
        elements?: { action_id?: string }[];
      }[];
    };
    // Earlier tests in this file left Anna holding requests too.
    const held =
      (await prisma().inquiry.count({ where: { takenBy: ANNA, status: "open" } })) +
      (await prisma().invitation.count({ where: { takenBy: ANNA, status: "pending" } }));
    const title = `Meine Anfragen (${held})`;
    const headers = home.blocks.filter((b) => b.type === "header").map((b) => b.text?.text);
    expect(headers[1]).toBe(title);
    const start = home.blocks.findIndex((b) => b.text?.text === title);
    const end = home.blocks.findIndex((b, i) => i > start && b.type === "divider");
    const mine = JSON.stringify(home.blocks.slice(start, end));
    expect(mine).toContain("Anna Eigene");
    expect(mine).toContain("Anna Zweite");
    expect(mine).not.toContain("Bens Anfrage");
    expect(mine).toContain("wartet seit");
    expect(mine).toContain(`"action_id":"${ActionId.releaseRequest}"`);
    const ids = home.blocks.map((b) => b.block_id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("a request erased after its message was drawn is not taken: no holder, no audit entry, the clicker told", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000009.000009" });
    await prisma().inquiry.update({ where: { id: inquiry.id }, data: { erasedAt: new Date() } });
    const responseId = await click(ActionId.takeRequest, `inquiry:${inquiry.id}`, ANNA);
    expect(JSON.stringify(await answerTo(responseId))).toContain("Diese Anfrage gibt es nicht (mehr).");
    expect((await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).takenBy).toBeNull();
    expect(await prisma().auditEntry.count({ where: { entityId: inquiry.id } })).toBe(0);
  });

  it("a value that is no request reference changes nothing", async () => {
    const inquiry = await seedInquiry(prisma());
    await click(ActionId.takeRequest, inquiry.id, ANNA);
    await until(
      () => t.app.logs.some((l) => l.includes("triage button with an unusable value")),
      5_000,
      "the warning about the value",
    );
    expect((await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).takenBy).toBeNull();
  });
});
