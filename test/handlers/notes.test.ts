import { beforeEach, describe, expect, it } from "vitest";
import { ActionId, CallbackId, NoteBlock } from "../../blocks/ids.ts";
import { NOTE_INPUT_ACTION } from "../../blocks/requests/note.ts";
import { customerInput } from "../../domain/customers/customer.schema.ts";
import { assignRequest } from "../../domain/decisions/assign-request.ts";
import { dbKinds } from "../support/db.ts";
import { seedInquiry } from "../support/fixtures.ts";
import { blockAction, viewSubmission } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { linkableOutsideText } from "../support/outside-text.ts";

const ANNA = "U0ANNA0001";
const HOSTILE_NOTE =
  "Rückruf vereinbart <!channel> siehe https://evil.example/login und <https://evil.example|hier> #allgemein";

describe.each(dbKinds())("Notiz (%s)", (kind) => {
  const t = useTestApp({ kind, members: [ANNA] });
  beforeEach(() => t.standin.reset());
  const prisma = () => t.app.deps.prisma;

  const submitNote = (inquiryId: string, value: string | null) =>
    t.app.interact(
      viewSubmission({
        user: ANNA,
        callbackId: CallbackId.addNote,
        privateMetadata: JSON.stringify({ kind: "inquiry", id: inquiryId }),
        values: { [NoteBlock.text]: { [NOTE_INPUT_ACTION]: { type: "plain_text_input", value } } },
      }),
    );

  it("opens the modal for exactly the click, with a multi-line Notiz of up to 3,000 characters", async () => {
    const inquiry = await seedInquiry(prisma());
    const payload = blockAction({ user: ANNA, actionId: ActionId.addNote, value: `inquiry:${inquiry.id}` });
    expect((await t.app.interact(payload)).status).toBe(200);
    await t.standin.waitFor((s) => s.okCallsOf("views.open").length > 0, 5_000, "views.open");
    const call = t.standin.okCallsOf("views.open")[0];
    expect(call?.args.trigger_id).toBe(payload.trigger_id);
    const view = JSON.parse(String(call?.args.view));
    expect(view.callback_id).toBe(CallbackId.addNote);
    expect(JSON.parse(view.private_metadata)).toEqual({ kind: "inquiry", id: inquiry.id });
    expect(view.blocks[0]).toMatchObject({
      block_id: NoteBlock.text,
      label: { text: "Notiz" },
      element: { multiline: true, max_length: 3000 },
    });
  });

  it("stores the note and posts it in the thread as text: escaped, verbatim, no ping, no link", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000010.000010", email: "notiz@example.com" });
    const res = await submitNote(inquiry.id, `  ${HOSTILE_NOTE}  `);
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    const notes = await prisma().requestNote.findMany({ where: { inquiryId: inquiry.id } });
    expect(notes.map((n) => [n.author, n.text])).toEqual([[ANNA, HOSTILE_NOTE]]);

    await t.standin.waitFor(
      (s) => s.okCallsOf("chat.postMessage").some((c) => c.args.thread_ts === "1700000010.000010"),
      5_000,
      "the note's thread post",
    );
    const post = t.standin
      .okCallsOf("chat.postMessage")
      .find((c) => c.args.thread_ts === "1700000010.000010");
    expect(post?.args.channel).toBe("CTEAM0001");
    const blocks = JSON.parse(String(post?.args.blocks));
    expect(blocks[0].text.text).toContain(`Notiz von <@${ANNA}>: Rückruf vereinbart &lt;!channel&gt;`);
    expect(String(post?.args.text)).not.toContain("<!channel>");
    expect(
      linkableOutsideText(blocks, [
        "<!channel>",
        "<https://evil.example|hier>",
        "evil.example",
        "#allgemein",
      ]),
    ).toEqual([]);

    // Once the request is assigned, the customer card lists the note under it.
    const decided = await assignRequest(
      { db: prisma(), now: () => new Date(), invitationsEnabled: true },
      {
        kind: "inquiry",
        requestId: inquiry.id,
        actor: ANNA,
        customer: { newCustomer: customerInput.parse({ company: "Notiz GmbH", email: "notiz@example.com" }) },
      },
    );
    if (decided.status !== "decided") throw new Error(decided.status);
    const click = blockAction({
      user: ANNA,
      actionId: ActionId.openCustomer,
      value: decided.decision.customer?.id,
    });
    expect((await t.app.interact(click)).status).toBe(200);
    await t.standin.waitFor(
      (s) =>
        [...s.okCallsOf("views.open"), ...s.okCallsOf("views.update")].some((c) =>
          String(c.args.view).includes("Rückruf vereinbart"),
        ),
      5_000,
      "the customer card with the note",
    );
    const card = [...t.standin.okCallsOf("views.open"), ...t.standin.okCallsOf("views.update")]
      .map((c) => JSON.parse(String(c.args.view)))
      .find((v) => JSON.stringify(v).includes("Rückruf vereinbart"));
    const noteElement = JSON.stringify(card.blocks).includes(
      `"type":"plain_text","text":"${HOSTILE_NOTE.replace(/"/g, '\\"')}"`,
    );
    expect(noteElement).toBe(true);
    expect(linkableOutsideText(card.blocks, ["<!channel>", "evil.example", "#allgemein"])).toEqual([]);
  });

  it("refuses an empty note and one over 3,000 characters under the field, and stores nothing", async () => {
    const inquiry = await seedInquiry(prisma());
    for (const value of ["   ", null, "x".repeat(3001), "a\u0000b"]) {
      const res = await submitNote(inquiry.id, value);
      expect(res.json()).toMatchObject({
        response_action: "errors",
        errors: { [NoteBlock.text]: expect.any(String) },
      });
    }
    expect(await prisma().requestNote.count({ where: { inquiryId: inquiry.id } })).toBe(0);
  });

  it("a request erased while the modal was open gets no note: nothing stored, audited or posted", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000011.000011" });
    // The modal was opened before; the erasure comes in between.
    await prisma().inquiry.update({ where: { id: inquiry.id }, data: { erasedAt: new Date() } });
    const postJobs = () => prisma().outboxJob.count({ where: { kind: "request.post_note" } });
    const jobsBefore = await postJobs();
    const res = await submitNote(inquiry.id, "Rückruf bei Frau Muster vereinbart");
    expect(res.json()).toMatchObject({
      response_action: "update",
      view: { title: { text: "Nicht gefunden" } },
    });
    expect(JSON.stringify(res.json())).toContain("Diese Anfrage gibt es nicht (mehr).");
    expect(await prisma().requestNote.count({ where: { inquiryId: inquiry.id } })).toBe(0);
    expect(await prisma().auditEntry.count({ where: { entityId: inquiry.id } })).toBe(0);
    expect(await postJobs()).toBe(jobsBefore);
  });

  it("a note on a request that does not exist is not stored", async () => {
    const res = await submitNote("00000000-0000-4000-8000-000000000099", "Hallo");
    expect(res.json()).toMatchObject({
      response_action: "update",
      view: { title: { text: "Nicht gefunden" } },
    });
  });
});
