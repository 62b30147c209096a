import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ActionId, CallbackId, FieldId } from "../../blocks/ids.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { blockAction, texts, viewSubmission } from "../support/interactions.ts";
import { SlackStandin } from "../support/slack-standin.ts";
import { TestSmtpServer } from "../support/smtp.ts";
import { clickAnswer, sendAnswerModal } from "./conversation-support.ts";
import { until } from "./support.ts";

/**
 * The pipeline's phase (contract "Pipeline") through signed requests: the Phase select on the
 * message, the audit entry per change, the refreshed message, and the first answer moving Neu to
 * In Kontakt (the conversation's AnswerSent hook).
 */

const ANNA = "U0ANNA0001";
const BEN = "U0BEN00001";

describe.each(dbKinds())("Phase (%s)", (kind) => {
  let db: TestDatabase;
  let standin: SlackStandin;
  let smtp: TestSmtpServer;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    standin = await new SlackStandin({
      members: [ANNA, BEN],
      users: [
        { id: ANNA, realName: "Anna Acker" },
        { id: BEN, realName: "Ben Berger" },
      ],
    }).start();
    smtp = await new TestSmtpServer().start();
    app = await startTestApp(db, standin, {
      MAIL_FROM: "kontakt@agentur.example",
      AGENCY_NAME: "Agentur Beispiel",
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    });
  });
  beforeEach(() => standin.reset());
  afterEach(() => undefined);
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await standin?.stop();
    await db?.close();
  });
  const prisma = () => app.deps.prisma;

  /** A choice in the message's Phase select, as Slack sends it (the option the app built). */
  const choose = async (user: string, optionValue: string, ts: string) => {
    const payload = blockAction({
      user,
      actionId: ActionId.changePhase,
      messageTs: ts,
      responseUrl: standin.responseUrl(),
    });
    const res = await app.interact({
      ...payload,
      actions: [
        {
          type: "static_select",
          action_id: ActionId.changePhase,
          block_id: "request_work",
          selected_option: { text: { type: "plain_text", text: "x" }, value: optionValue },
          action_ts: String(Date.now() / 1000),
        },
      ],
    });
    expect(res.status).toBe(200);
  };
  const phaseOf = async (k: "inquiry" | "invitation", id: string) =>
    k === "inquiry"
      ? (await prisma().inquiry.findUniqueOrThrow({ where: { id } })).phase
      : (await prisma().invitation.findUniqueOrThrow({ where: { id } })).phase;
  const lastUpdate = async (ts: string, contains: string) => {
    await standin.waitFor(
      (s) =>
        s.okCallsOf("chat.update").some((c) => c.args.ts === ts && String(c.args.blocks).includes(contains)),
      5_000,
      `chat.update of ${ts} with ${contains}`,
    );
    const updates = standin.okCallsOf("chat.update").filter((c) => c.args.ts === ts);
    return JSON.parse(String(updates.at(-1)?.args.blocks)) as {
      type: string;
      block_id?: string;
      elements?: unknown[];
    }[];
  };

  it("changes the phase by the select, audits before and after, and the message shows it", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000301.000001" });
    expect(await phaseOf("inquiry", inquiry.id)).toBe("new");

    await choose(ANNA, `inquiry:${inquiry.id}:offer`, "1700000301.000001");
    await until(async () => (await phaseOf("inquiry", inquiry.id)) === "offer", 5_000, "phase offer");
    const blocks = await lastUpdate("1700000301.000001", "Angebot");

    // Decision buttons first, alone, one primary; the working controls and the select in a row of their own.
    const rows = blocks.filter((b) => b.type === "actions");
    expect(rows.map((r) => r.block_id)).toEqual(["request_actions", "request_work"]);
    const decisionRow = rows[0]?.elements as { style?: string; text: { text: string } }[];
    expect(decisionRow.map((e) => e.text.text)).toEqual(["Kunde hinzufügen"]);
    const work = rows[1]?.elements as {
      type: string;
      placeholder?: { text: string };
      initial_option?: { text: { text: string } };
      text?: { text: string };
    }[];
    expect(work.filter((e) => e.type === "button").map((e) => e.text?.text)).toEqual([
      "Übernehmen",
      "Antworten",
      "Notiz",
      "Wiedervorlage",
      "Zuweisen",
    ]);
    const select = work.find((e) => e.type === "static_select");
    expect(select?.placeholder?.text).toBe("Phase");
    expect(select?.initial_option?.text.text).toBe("Angebot");
    expect(JSON.stringify(blocks.find((b) => b.block_id === "request_phase"))).toContain("Phase: *Angebot*");

    await choose(BEN, `inquiry:${inquiry.id}:won`, "1700000301.000001");
    await until(async () => (await phaseOf("inquiry", inquiry.id)) === "won", 5_000, "phase won");
    // The same phase again changes nothing.
    await choose(BEN, `inquiry:${inquiry.id}:won`, "1700000301.000001");
    await lastUpdate("1700000301.000001", "Gewonnen");

    const audit = await prisma().auditEntry.findMany({
      where: { entityId: inquiry.id, action: "inquiry.phase_changed" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(audit.map((a) => [a.actor, a.before, a.after])).toEqual([
      [ANNA, { phase: "new" }, { phase: "offer" }],
      [BEN, { phase: "offer" }, { phase: "won" }],
    ]);
  });

  it("works on a decided invitation too (the phase is independent of the decision)", async () => {
    const invitation = await seedInvitation(prisma(), { slackTs: "1700000302.000002" });
    const customer = await prisma().customer.create({ data: { company: "Phase GmbH", createdBy: ANNA } });
    await prisma().invitation.update({
      where: { id: invitation.id },
      data: { status: "connected", customerId: customer.id, decidedBy: ANNA, decidedAt: new Date() },
    });
    await choose(ANNA, `invitation:${invitation.id}:lost`, "1700000302.000002");
    await until(async () => (await phaseOf("invitation", invitation.id)) === "lost", 5_000, "phase lost");
    const blocks = await lastUpdate("1700000302.000002", "Verloren");
    const row = blocks.find((b) => b.block_id === "request_conversation_actions");
    expect(JSON.stringify(row)).toContain('"placeholder":{"type":"plain_text","text":"Phase"}');
    // On the customer card's history, too.
    const entry = await prisma().auditEntry.findFirstOrThrow({
      where: { action: "invitation.phase_changed", entityId: invitation.id },
    });
    expect(entry.customerId).toBe(customer.id);
  });

  it("ignores a forged option value and a request that does not exist", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000303.000003" });
    await choose(ANNA, `inquiry:${inquiry.id}:gewonnen`, "1700000303.000003");
    await choose(ANNA, "inquiry:00000000-0000-4000-8000-000000000000:won", "1700000303.000003");
    await standin.waitFor((s) => s.responses.length >= 1, 5_000, "the not-found notice");
    expect(JSON.stringify(standin.responses[0]?.body)).toContain("gibt es nicht");
    expect(await phaseOf("inquiry", inquiry.id)).toBe("new");
  });

  it("a request erased after its message was drawn keeps its phase: not changed, not audited, the clicker told", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000305.000005" });
    await prisma().inquiry.update({ where: { id: inquiry.id }, data: { erasedAt: new Date() } });
    await choose(ANNA, `inquiry:${inquiry.id}:offer`, "1700000305.000005");
    await standin.waitFor((s) => s.responses.length >= 1, 5_000, "the not-found notice");
    expect(JSON.stringify(standin.responses[0]?.body)).toContain("Diese Anfrage gibt es nicht (mehr).");
    expect(await phaseOf("inquiry", inquiry.id)).toBe("new");
    expect(await prisma().auditEntry.count({ where: { entityId: inquiry.id } })).toBe(0);
  });

  it("the first answer moves Neu to In Kontakt; later answers and other phases stay", async () => {
    const inquiry = await seedInquiry(prisma(), { email: "erst@example.com", slackTs: "1700000304.000004" });
    const answer = async () => {
      const view = await clickAnswer(app, standin, { user: ANNA, kind: "inquiry", id: inquiry.id });
      const res = await sendAnswerModal(app, {
        user: ANNA,
        view,
        subject: "Ihre Anfrage",
        text: "Guten Tag",
      });
      expect(res.status).toBe(200);
    };
    await answer();
    await until(async () => (await phaseOf("inquiry", inquiry.id)) === "contacted", 5_000, "phase contacted");
    await lastUpdate("1700000304.000004", "In Kontakt");
    const audit = await prisma().auditEntry.findMany({
      where: { entityId: inquiry.id, action: "inquiry.phase_changed" },
    });
    expect(audit.map((a) => [a.actor, a.before, a.after])).toEqual([
      [ANNA, { phase: "new" }, { phase: "contacted" }],
    ]);

    // Back to Neu by hand: a later answer is no first answer and leaves it.
    await choose(BEN, `inquiry:${inquiry.id}:new`, "1700000304.000004");
    await until(async () => (await phaseOf("inquiry", inquiry.id)) === "new", 5_000, "phase new");
    await answer();
    await until(
      async () => (await prisma().conversationEntry.count({ where: { inquiryId: inquiry.id } })) >= 2,
      5_000,
      "second answer",
    );
    expect(await phaseOf("inquiry", inquiry.id)).toBe("new");
  });

  // Last: its message refreshes fill the channel's lane for a few seconds.
  it("a phase set before the decision is on the new customer's card (Letzte Änderungen); other requests' changes are not", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000306.000006" });
    // Another request, undecided, and one decided for another customer: their changes stay off this card.
    const other = await seedInquiry(prisma(), { slackTs: "1700000306.000007" });
    const otherCustomer = await prisma().customer.create({
      data: { company: "Andere GmbH", createdBy: ANNA },
    });
    const elsewhere = await seedInquiry(prisma(), { slackTs: "1700000306.000008" });
    await prisma().inquiry.update({
      where: { id: elsewhere.id },
      data: { status: "assigned", customerId: otherCustomer.id, decidedBy: ANNA, decidedAt: new Date() },
    });
    await choose(BEN, `inquiry:${inquiry.id}:offer`, "1700000306.000006");
    await until(async () => (await phaseOf("inquiry", inquiry.id)) === "offer", 5_000, "phase offer");
    await choose(BEN, `inquiry:${other.id}:won`, "1700000306.000007");
    await choose(BEN, `inquiry:${elsewhere.id}:lost`, "1700000306.000008");
    await until(async () => (await phaseOf("inquiry", other.id)) === "won", 5_000, "other phase won");
    await until(
      async () => (await phaseOf("inquiry", elsewhere.id)) === "lost",
      5_000,
      "elsewhere phase lost",
    );

    // Kunde hinzufügen, as Slack sends it: the button, then the modal.
    const opened = standin.okCallsOf("views.open").length;
    const add = blockAction({ user: ANNA, actionId: ActionId.assignRequestInquiry, value: inquiry.id });
    expect((await app.interact(add)).status).toBe(200);
    await standin.waitFor((s) => s.okCallsOf("views.open").length > opened, 10_000, "the decision modal");
    const modal = JSON.parse(String(standin.okCallsOf("views.open").at(-1)?.args.view));
    const res = await app.interact(
      viewSubmission({
        user: ANNA,
        callbackId: CallbackId.assignRequest,
        privateMetadata: modal.private_metadata,
        values: texts({ [FieldId.company]: "Karten GmbH", [FieldId.email]: "karte@example.com" }),
      }),
    );
    expect(res.text).toBe("");
    const customerId = (await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).customerId;
    expect(customerId).toBeTruthy();

    const before = standin.okCallsOf("views.open").length + standin.okCallsOf("views.update").length;
    const open = blockAction({ user: ANNA, actionId: ActionId.openCustomer, value: String(customerId) });
    expect((await app.interact(open)).status).toBe(200);
    await standin.waitFor(
      (s) =>
        [...s.okCallsOf("views.open"), ...s.okCallsOf("views.update")]
          .slice(before)
          .some((c) => String(c.args.view).includes("Letzte Änderungen")),
      10_000,
      "the customer card",
    );
    const card = JSON.parse(
      String(
        [...standin.okCallsOf("views.open"), ...standin.okCallsOf("views.update")]
          .slice(before)
          .find((c) => String(c.args.view).includes("Letzte Änderungen"))?.args.view,
      ),
    ) as { blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[] };
    const heading = card.blocks.findIndex((b) => b.text?.text === "*Letzte Änderungen*");
    const lines = String(card.blocks[heading + 1]?.elements?.[0]?.text).split("\n");
    // Newest first: the decision, then the phase set before it (by Ben, on the message).
    expect(lines.map((l) => l.split(" · ").slice(1).join(" · "))).toEqual([
      `<@${ANNA}> · Anfrage zugeordnet`,
      `<@${ANNA}> · Kunde angelegt`,
      `<@${BEN}> · Phase der Anfrage: Angebot`,
    ]);
  });
});
