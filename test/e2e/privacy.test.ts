import { beforeAll, describe, expect, it } from "vitest";
import { ActionId, CallbackId, NoteBlock } from "../../blocks/ids.ts";
import { NOTHING_STORED_TEXT } from "../../blocks/privacy/erase-modal.ts";
import { ERASED_TEXT } from "../../blocks/privacy/erased-message.ts";
import { NOTE_INPUT_ACTION } from "../../blocks/requests/note.ts";
import { loadConfig } from "../../bot/config.ts";
import { contractInput } from "../../domain/contracts/contract.schema.ts";
import { assignContract } from "../../domain/contracts/contract-service.ts";
import { customerInput } from "../../domain/customers/customer.schema.ts";
import { claimDueReminders } from "../../domain/triage/reminder-service.ts";
import { dbKinds } from "../support/db.ts";
import { inquiryBody, invitationBody, postIntake } from "../support/intake.ts";
import { click, type SentView, slashCommand, submit, viewSubmission } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { findPersonalData, type Hit } from "../support/personal-data-dump.ts";
import { until } from "./support.ts";

/**
 * Auskunft and Löschen from end to end: the intake API, signed slash commands and modal
 * submissions, the outbox worker, mail files under DATA_DIR and the Slack stand-in. After the
 * erasure, a dump of every table, every file and every channel message finds nothing of her.
 */

const ANNA = { name: "Anna Äcker", email: "anna@example.com", phone: "+49 30 5550123" };
const NEEDLES = [ANNA.email, ANNA.name, "Äcker", "5550123"];

describe.each(dbKinds())("Auskunft and Löschen (%s)", (kind) => {
  const t = useTestApp({ kind });
  const ids = { inquiry: "", invitation: "", other: "", customer: "" };
  let before: Hit[] = [];
  let threadReplies = 0;

  const prisma = () => t.app.deps.prisma;
  const dump = () =>
    findPersonalData({
      prisma: prisma(),
      dataDir: t.app.deps.config.dataDir,
      standin: t.standin,
      logs: t.app.logs,
      values: NEEDLES,
    });
  const idle = () =>
    until(
      async () => (await prisma().outboxJob.count({ where: { status: "pending" } })) === 0,
      30_000,
      "the outbox to be idle",
    );
  const updatedView = async (callbackOrText: string) => {
    await t.standin.waitFor(
      (s) => s.okCallsOf("views.update").some((c) => String(c.args.view).includes(callbackOrText)),
      5_000,
      `views.update with ${callbackOrText}`,
    );
    const call = t.standin
      .okCallsOf("views.update")
      .filter((c) => String(c.args.view).includes(callbackOrText))
      .pop();
    return (call?.response as { view: SentView } | undefined)?.view as SentView;
  };

  beforeAll(async () => {
    const inq = await postIntake(
      t.app.baseUrl,
      "inquiries",
      inquiryBody({ ...ANNA, company: null, message: `Bitte rufen Sie mich an: ${ANNA.phone}` }),
    );
    // Another case of the same address: matching ignores case.
    const inv = await postIntake(
      t.app.baseUrl,
      "invitations",
      invitationBody({ name: ANNA.name, email: "ANNA@Example.com", message: "Gruß, Anna Äcker" }),
    );
    // Close, but not her address: kept.
    const other = await postIntake(
      t.app.baseUrl,
      "inquiries",
      inquiryBody({ name: "Bernd Berger", email: "anna@example.org" }),
    );
    ids.inquiry = String(inq.body.id);
    ids.invitation = String(inv.body.id);
    ids.other = String(other.body.id);
    await idle();
    // Thread replies about her: a note (through the signed modal submission) and the reminders.
    await t.app.interact(
      viewSubmission({
        user: "U0MEMBER01",
        callbackId: CallbackId.addNote,
        privateMetadata: JSON.stringify({ kind: "inquiry", id: ids.inquiry }),
        values: {
          [NoteBlock.text]: {
            [NOTE_INPUT_ACTION]: {
              type: "plain_text_input",
              value: `Rückruf bei ${ANNA.name}: ${ANNA.phone}`,
            },
          },
        },
      }),
    );
    const reminders = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-x",
      SLACK_SIGNING_SECRET: "s",
      REMINDER_WINDOW: "always",
    });
    await claimDueReminders(
      { db: prisma(), now: () => new Date(Date.now() + 2 * 24 * 3_600_000) },
      { ...reminders.reminders, timeZone: reminders.digest.timezone },
    );
    await idle();
    const assigned = await t.app.deps.decisions.assignRequest({
      kind: "inquiry",
      requestId: ids.inquiry,
      actor: "U0MEMBER01",
      customer: {
        newCustomer: customerInput.parse({
          firstName: "Anna",
          lastName: "Äcker",
          email: ANNA.email,
          phone: ANNA.phone,
          address: "Ackerweg 1, 10115 Berlin",
        }),
      },
    });
    if (assigned.status !== "decided") throw new Error(`not assigned: ${assigned.status}`);
    ids.customer = assigned.decision.customer?.id as string;
    await assignContract(
      prisma(),
      ids.customer,
      contractInput.parse({ title: "Wartungsvertrag" }),
      "U0MEMBER01",
    );
    await t.app.deps.decisions.declineInvitation({
      invitationId: ids.invitation,
      actor: "U0MEMBER01",
      personalMessage: "Liebe Frau Äcker, vielleicht später.",
    });
    await idle();
    before = await dump();
    threadReplies = t.standin.messages.filter((m) => m.threadTs).length;
  }, 60_000);

  it("finds her before the erasure in the tables, the mail file and the channel messages (the dump can fail)", () => {
    const places = new Set(before.map((h) => h.where));
    for (const p of ["Customer", "Inquiry", "Invitation", "RequestNote", "DATA_DIR", "Slack message"])
      expect(places).toContain(p);
    // The note's thread reply names her: the dump finds it.
    expect(before.some((h) => h.where === "Slack message" && h.needle === "5550123")).toBe(true);
    // Done outbox jobs keep no rendered text, and audit entries no values.
    expect(places).not.toContain("OutboxJob");
    expect(places).not.toContain("AuditEntry");
    expect(places).not.toContain("log");
  });

  it("refuses both commands to someone outside the team, and a text that is no address", async () => {
    for (const word of ["auskunft", "löschen"]) {
      const res = await slashCommand(t.app, t.standin, `${word} ${ANNA.email}`, "U0OUTSIDE1");
      expect((res.json() as { text: string }).text).not.toContain("Auskunft wird");
      const bad = await slashCommand(t.app, t.standin, `${word} anna`);
      expect((bad.json() as { text: string }).text).toContain(`/kunden ${word} name@example.com`);
    }
    expect(t.standin.okCallsOf("files.completeUploadExternal")).toHaveLength(0);
    expect(t.standin.okCallsOf("views.open")).toHaveLength(0);
  });

  it("/kunden auskunft sends her a JSON file in the member's DM that lists every record the dump found", async () => {
    const res = await slashCommand(t.app, t.standin, `auskunft ${ANNA.email.toUpperCase()}`);
    expect((res.json() as { text: string }).text).toBe("Die Auskunft wird erstellt …");
    await t.standin.waitFor((s) => s.okCallsOf("files.completeUploadExternal").length === 1, 5_000, "upload");
    const complete = t.standin.okCallsOf("files.completeUploadExternal")[0];
    expect(complete?.args.channel_id).toBe("D0MEMBER01");
    expect(t.standin.dms.get("D0MEMBER01")).toBe("U0MEMBER01");
    const file = [...t.standin.files.values()].find((f) => f.channel === "D0MEMBER01");
    const text = file?.bytes?.toString("utf8") ?? "";
    const doc = JSON.parse(text) as Record<string, { id?: string; file?: string; slackTs?: string }[]>;
    expect(doc.customers?.map((c) => c.id)).toEqual([ids.customer]);
    expect(doc.inquiries?.map((r) => r.id)).toEqual([ids.inquiry]);
    expect(doc.invitations?.map((r) => r.id)).toEqual([ids.invitation]);
    expect(doc.mails).toHaveLength(1);
    expect(text).not.toContain(ids.other);
    for (const hit of before) {
      const id = hit.where === "Slack message" ? hit.id.split(":")[1] : hit.id.split("/").pop();
      expect(text, `${hit.where} ${hit.id}`).toContain(id);
    }
    await until(
      () => t.standin.responses.some((r) => String(r.body.text).includes("Direktnachricht")),
      5_000,
      "answer",
    );
  });

  it("/kunden löschen lists what is stored, and Endgültig löschen erases her everywhere", async () => {
    await slashCommand(t.app, t.standin, `löschen ${ANNA.email}`);
    const view = await updatedView(CallbackId.erasePerson);
    expect(view.submit).toMatchObject({ text: "Endgültig löschen" });
    const shown = JSON.stringify(view.blocks);
    for (const line of [
      "Kunden: 1",
      "Anfragen: 1",
      "Zugriffsfreigaben: 1",
      "Gespeicherte E-Mails: 1",
      ANNA.name,
    ])
      expect(shown).toContain(line);

    const answer = await submit(t.app, view, {});
    expect(answer.json()).toMatchObject({ response_action: "update", view: { title: { text: "Gelöscht" } } });
    await idle();
    for (const id of [ids.inquiry, ids.invitation]) {
      const row =
        (await prisma().inquiry.findUnique({
          where: { id },
          select: { slackChannel: true, slackTs: true },
        })) ??
        (await prisma().invitation.findUniqueOrThrow({
          where: { id },
          select: { slackChannel: true, slackTs: true },
        }));
      const message = t.standin.findMessage(row.slackChannel, row.slackTs);
      expect(JSON.stringify(message)).toContain(ERASED_TEXT);
      expect(JSON.stringify(message)).not.toContain('"actions"');
      // Every reply of the bot in its thread (the note, the reminder) is overwritten too.
      const replies = t.standin.messages.filter(
        (m) => m.channel === row.slackChannel && m.threadTs === row.slackTs,
      );
      expect(replies.length).toBeGreaterThan(0);
      for (const reply of replies) expect(JSON.stringify(reply)).toContain(ERASED_TEXT);
    }
    // Her requests had three replies (note and reminder, reminder); Bernd's reminder stays as it was.
    expect(threadReplies).toBe(4);
    const bernd = await prisma().inquiry.findUniqueOrThrow({
      where: { id: ids.other },
      select: { slackTs: true },
    });
    const berndReplies = t.standin.messages.filter((m) => m.threadTs === bernd.slackTs);
    expect(berndReplies).toHaveLength(1);
    expect(JSON.stringify(berndReplies)).not.toContain(ERASED_TEXT);

    expect(await dump()).toEqual([]);
    // The audit log says who erased which record when, without her data.
    const erased = await prisma().auditEntry.findMany({
      where: { action: "privacy.erased" },
      select: { actor: true, entityType: true },
    });
    expect(erased.map((e) => e.entityType).sort()).toEqual(["customer", "inquiry", "invitation"]);
    expect(erased.every((e) => e.actor === "U0MEMBER01")).toBe(true);
    // Exact matching: the other address is untouched.
    expect(
      await prisma().inquiry.findUniqueOrThrow({
        where: { id: ids.other },
        select: { name: true, email: true },
      }),
    ).toEqual({ name: "Bernd Berger", email: "anna@example.org" });
  });

  it("keeps the erased customer's contract, assigned to Gelöschter Kunde", async () => {
    const contracts = await prisma().contract.findMany({
      where: { customerId: ids.customer },
      select: { title: true },
    });
    expect(contracts).toEqual([{ title: "Wartungsvertrag" }]);
    await click(t.app, t.standin, ActionId.openCustomer, ids.customer);
    await t.standin.waitFor(
      (s) =>
        [...s.okCallsOf("views.open"), ...s.okCallsOf("views.update")].some(
          (c) =>
            String(c.args.view).includes("Gelöschter Kunde") &&
            String(c.args.view).includes("Wartungsvertrag"),
        ),
      5_000,
      "the card of Gelöschter Kunde",
    );
  });

  it("a post already on its way when its person is erased ends up without her data", async () => {
    // Nothing else on its way: the delay below is for her post, not for one left by a test before.
    await idle();
    t.standin.fault("chat.postMessage", { kind: "delay", ms: 1_500 }, { times: 1 });
    const res = await postIntake(
      t.app.baseUrl,
      "inquiries",
      inquiryBody({ name: "Cora Flug", email: "cora@example.com", phone: "+49 30 5550999" }),
    );
    const id = String(res.body.id);
    // The worker has claimed her post and waits for Slack.
    await until(
      () => t.standin.callsOf("chat.postMessage").some((c) => JSON.stringify(c.args).includes("Cora Flug")),
      30_000,
      "her post",
    );
    expect(await t.app.deps.privacy.erase("cora@example.com", "U0MEMBER01")).toMatchObject({
      status: "erased",
    });
    await until(
      async () =>
        !!(await prisma().inquiry.findUniqueOrThrow({ where: { id }, select: { slackTs: true } })).slackTs,
      30_000,
      "the post's ts",
    );
    // The ts and the overwrite are stored in one transaction, and a job stays pending until its
    // chat.update has been answered (the stand-in applies it before answering): once the outbox is
    // idle, the message shows the erased text.
    await idle();
    const row = await prisma().inquiry.findUniqueOrThrow({
      where: { id },
      select: { slackChannel: true, slackTs: true },
    });
    expect(JSON.stringify(t.standin.findMessage(row.slackChannel, row.slackTs))).toContain(ERASED_TEXT);
    const left = await findPersonalData({
      prisma: prisma(),
      dataDir: t.app.deps.config.dataDir,
      standin: t.standin,
      values: ["cora@example.com", "Cora Flug", "5550999"],
    });
    expect(left).toEqual([]);
  });

  it("a second erasure and an Auskunft report that nothing is stored", async () => {
    await slashCommand(t.app, t.standin, `loeschen ${ANNA.email}`);
    const view = await updatedView(NOTHING_STORED_TEXT);
    expect(view.submit).toBeUndefined();
    const uploads = t.standin.okCallsOf("files.completeUploadExternal").length;
    await slashCommand(t.app, t.standin, `auskunft ${ANNA.email}`);
    await until(
      () => t.standin.responses.some((r) => r.body.text === NOTHING_STORED_TEXT),
      5_000,
      "nothing stored",
    );
    expect(t.standin.okCallsOf("files.completeUploadExternal")).toHaveLength(uploads);
  });
});
