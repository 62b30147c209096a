import { describe, expect, it } from "vitest";
import { ActionId } from "../../blocks/ids.ts";
import { customerInput } from "../../domain/customers/customer.schema.ts";
import { insertCustomer } from "../../domain/customers/customer-repository.ts";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import {
  blockAction,
  click,
  nthView,
  type SentView,
  type StateValues,
  slashCommand,
  submit,
} from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

type ViewAnswer = { response_action?: string; view?: SentView; errors?: Record<string, string> };
type Input = { block_id: string; action_id: string; type: string };

const FORGED = 20_000;

/** Every text input of a view: the block, the element's action_id and type. */
function textInputs(view: SentView): Input[] {
  const out: Input[] = [];
  for (const b of view.blocks) {
    const e = b.element as { type?: string; action_id?: string } | undefined;
    if (b.type !== "input" || !e?.action_id || !b.block_id) continue;
    if (["plain_text_input", "email_text_input", "url_text_input"].includes(e.type ?? ""))
      out.push({ block_id: b.block_id, action_id: e.action_id, type: e.type as string });
  }
  return out;
}

/** A submission as a forged client sends it: every text input 20,000 characters long. */
function forged(view: SentView): StateValues {
  const values: StateValues = {};
  for (const i of textInputs(view)) {
    const value =
      i.type === "email_text_input" || /mail/i.test(i.block_id)
        ? `${"a".repeat(FORGED - 11)}@firma.de`
        : "x".repeat(FORGED);
    values[i.block_id] = { [i.action_id]: { type: i.type, value } };
  }
  return values;
}

/**
 * Issue 20, point 7: every modal input's limit is checked on the server (Slack's client checks can
 * be bypassed), and a failed submission keeps what was typed (`response_action: "errors"`).
 */
describe("a forged submission with 20,000 characters in each text field", () => {
  const t = useTestApp({ members: ["U0MEMBER01"] });
  const prisma = () => t.app.deps.prisma;
  const count = (method: string) => t.standin.okCallsOf(method).length;

  /** Everything a submission could store. */
  async function stored() {
    const p = prisma();
    return {
      customers: await p.customer.count(),
      inquiries: await p.inquiry.count(),
      openInquiries: await p.inquiry.count({ where: { status: "open" } }),
      pendingInvitations: await p.invitation.count({ where: { status: "pending" } }),
      notes: await p.requestNote.count(),
      domains: await p.domain.count(),
      contracts: await p.contract.count(),
      tasks: await p.task.count(),
      jobs: await p.outboxJob.count(),
    };
  }

  async function opened(action: () => Promise<unknown>, method = "views.open"): Promise<SentView> {
    const n = count(method);
    await action();
    return nthView(t.standin, method, n + 1);
  }

  async function expectFieldErrors(view: SentView) {
    const inputs = textInputs(view);
    expect(inputs.length, view.callback_id).toBeGreaterThan(0);
    const before = await stored();
    const res = await submit(t.app, view, forged(view));
    expect(res.status).toBe(200);
    const answer = res.json() as ViewAnswer;
    expect(answer.response_action, view.callback_id).toBe("errors");
    // One error under each field that was too long (the fields that were typed keep their values).
    for (const i of inputs)
      expect(answer.errors?.[i.block_id], `${view.callback_id} ${i.block_id}`).toBeTruthy();
    expect(await stored()).toEqual(before);
  }

  it("/kunden neu: the customer form", async () => {
    await expectFieldErrors(await opened(() => slashCommand(t.app, t.standin, "neu")));
  });

  it("/kunden anfrage: Anfrage erfassen", async () => {
    await expectFieldErrors(await opened(() => slashCommand(t.app, t.standin, "anfrage")));
  });

  it("Kunde hinzufügen and Kunde verbinden: the decision modal's customer fields", async () => {
    const inquiry = await seedInquiry(prisma(), { email: "lang@firma.de" });
    await expectFieldErrors(
      await opened(() => click(t.app, t.standin, ActionId.assignRequestInquiry, inquiry.id)),
    );
    const invitation = await seedInvitation(prisma(), { email: "lang2@firma.de" });
    await expectFieldErrors(
      await opened(() => click(t.app, t.standin, ActionId.assignRequestInvitation, invitation.id)),
    );
  });

  it("Einladung ablehnen: the personal message", async () => {
    const invitation = await seedInvitation(prisma(), { email: "ablehnen@firma.de" });
    await expectFieldErrors(
      await opened(() => click(t.app, t.standin, ActionId.declineInvitation, invitation.id)),
    );
  });

  it("Notiz", async () => {
    const inquiry = await seedInquiry(prisma(), { email: "notiz@firma.de" });
    await expectFieldErrors(
      await opened(() => click(t.app, t.standin, ActionId.addNote, `inquiry:${inquiry.id}`)),
    );
  });

  it("Antworten: Betreff and Nachricht", async () => {
    const inquiry = await seedInquiry(prisma(), { email: "antwort@firma.de" });
    const updates = count("views.update");
    const first = await opened(() =>
      click(t.app, t.standin, ActionId.answerRequest, `inquiry:${inquiry.id}`),
    );
    // Opened at once, filled by views.update when the data is slower than the trigger_id allows.
    let view = first;
    if (textInputs(first).length === 0) view = await nthView(t.standin, "views.update", updates + 1);
    await expectFieldErrors(view);
    expect(await prisma().conversationEntry.count()).toBe(0);
  });

  it("the customer card's forms: Bearbeiten, Domain, Vertrag, Aufgabe", async () => {
    const customer = await insertCustomer(
      prisma(),
      customerInput.parse({ company: "Karte GmbH", email: "karte@firma.de" }),
      "U0MEMBER01",
    );
    const card = await opened(() =>
      click(t.app, t.standin, ActionId.openCustomer, customer.id, { ephemeral: true }),
    );
    for (const action of [
      ActionId.editCustomer,
      ActionId.assignDomain,
      ActionId.assignContract,
      ActionId.createTask,
    ])
      await expectFieldErrors(
        await opened(() => click(t.app, t.standin, action, customer.id, { view: card }), "views.push"),
      );
  });

  it("the App Home's customer search", async () => {
    await expectFieldErrors(
      await opened(() =>
        t.app.interact(blockAction({ user: "U0MEMBER01", actionId: ActionId.homeSearch, container: "view" })),
      ),
    );
  });

  it("a submission answered with an updated view (the duplicate warning) keeps every input's ids", async () => {
    await insertCustomer(
      prisma(),
      customerInput.parse({ company: "Doppelt GmbH", email: "doppelt@firma.de" }),
      "U0MEMBER01",
    );
    const form = await opened(() => slashCommand(t.app, t.standin, "neu"));
    const values: StateValues = {};
    for (const i of textInputs(form))
      values[i.block_id] = {
        [i.action_id]: { type: i.type, value: /mail/i.test(i.block_id) ? "doppelt@firma.de" : "Neu" },
      };
    const answer = (await submit(t.app, form, values)).json() as ViewAnswer;
    expect(answer.response_action).toBe("update");
    // Slack keeps what was typed in an input whose block_id and action_id stay the same.
    const ids = (v: SentView) => textInputs(v).map((i) => `${i.block_id}/${i.action_id}`);
    expect(ids(answer.view as SentView)).toEqual(ids(form));
  });
});
