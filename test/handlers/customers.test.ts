import { describe, expect, it } from "vitest";
import { ActionId, CallbackId, FieldId } from "../../blocks/ids.ts";
import { dbKinds } from "../support/db.ts";
import { click, nthView, type SentView, slashCommand, submit, texts } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

type Ephemeral = { response_type: string; text: string; blocks: SentView["blocks"] };
type ViewAnswer = { response_action: string; view?: SentView; errors?: Record<string, string> };

const json = (v: SentView) => JSON.stringify(v);

describe.each(dbKinds())("customers in Slack on %s", (kind) => {
  const t = useTestApp({ kind, members: ["U0MEMBER01", "U0OTHER001"] });
  const count = (method: string) => t.standin.okCallsOf(method).length;

  /** `/kunden neu`, then the form submitted with these fields; returns the answer to the submission. */
  async function createViaSlack(fields: Record<string, string>) {
    const n = count("views.open");
    const res = await slashCommand(t.app, t.standin, "neu");
    expect(res.status).toBe(200);
    const form = await nthView(t.standin, "views.open", n + 1);
    expect(form.callback_id).toBe(CallbackId.customerForm);
    return { form, answer: (await submit(t.app, form, texts(fields))).json() as ViewAnswer };
  }

  let customerId: string;
  let card: SentView;

  it("creates a customer with /kunden neu and shows its card", async () => {
    const { answer } = await createViaSlack({
      [FieldId.company]: "Bäckerei Müller GmbH",
      [FieldId.firstName]: "Hans",
      [FieldId.lastName]: "Müller",
      [FieldId.email]: "hans@baeckerei-mueller.de",
    });
    expect(answer.response_action).toBe("update");
    expect(answer.view?.callback_id).toBe(CallbackId.customerCard);
    const c = await t.app.deps.prisma.customer.findFirstOrThrow({ select: { id: true, createdBy: true } });
    customerId = c.id;
    expect(c.createdBy).toBe("U0MEMBER01");
    expect(JSON.parse(answer.view?.private_metadata ?? "{}")).toEqual({ c: customerId });
    const audit = await t.app.deps.prisma.auditEntry.findMany({
      where: { customerId },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual(["customer.created"]);
  });

  it("refuses a form without company or name, keyed to the field", async () => {
    const { answer } = await createViaSlack({ [FieldId.email]: "x@y.de" });
    expect(answer).toEqual({
      response_action: "errors",
      errors: { [FieldId.company]: "Bitte eine Firma oder einen Namen angeben" },
    });
  });

  it("flags a duplicate e-mail before saving, and saves on the second Speichern", async () => {
    const fields = { [FieldId.company]: "Müller Filiale Nord", [FieldId.email]: "HANS@baeckerei-mueller.de" };
    const { answer } = await createViaSlack(fields);
    expect(answer.response_action).toBe("update");
    const warned = answer.view as SentView;
    expect(warned.callback_id).toBe(CallbackId.customerForm);
    expect(json(warned)).toContain("schon eingetragen bei: Bäckerei Müller GmbH · Hans Müller");
    expect(await t.app.deps.prisma.customer.count()).toBe(1);

    const again = (await submit(t.app, { ...warned, id: "V0WARNED01" }, texts(fields))).json() as ViewAnswer;
    expect(again.response_action).toBe("update");
    expect(again.view?.callback_id).toBe(CallbackId.customerCard);
    expect(await t.app.deps.prisma.customer.count()).toBe(2);
  });

  it("searches by part of name, company and e-mail, umlaut-tolerant, and answers ephemerally", async () => {
    for (const q of ["muller", "mueller", "MÜLLER", "bäckerei", "hans@", "Hans"]) {
      const body = (await slashCommand(t.app, t.standin, q)).json() as Ephemeral;
      expect(body.response_type).toBe("ephemeral");
      const opens = body.blocks.filter(
        (b) => (b as { accessory?: { action_id?: string } }).accessory?.action_id === ActionId.openCustomer,
      );
      const ids = opens.map((b) => (b.accessory as { value: string }).value);
      expect(ids, q).toContain(customerId);
    }
  });

  it("answers an unknown term helpfully, with a button to create the customer", async () => {
    const body = (await slashCommand(t.app, t.standin, "Zyxwvu Holding")).json() as Ephemeral;
    expect(body.response_type).toBe("ephemeral");
    const text = JSON.stringify(body.blocks);
    expect(text).toContain("Kein Kunde gefunden für „Zyxwvu Holding“");
    expect(text).toContain(ActionId.createCustomer);
    const n = count("views.open");
    await click(t.app, t.standin, ActionId.createCustomer, "Zyxwvu Holding", { ephemeral: true });
    expect((await nthView(t.standin, "views.open", n + 1)).callback_id).toBe(CallbackId.customerForm);
  });

  it("opens the card from a search result", async () => {
    const n = count("views.open");
    await click(t.app, t.standin, ActionId.openCustomer, customerId, { ephemeral: true });
    card = await nthView(t.standin, "views.open", n + 1);
    expect(card.callback_id).toBe(CallbackId.customerCard);
    const text = json(card);
    for (const label of ["Bearbeiten", "Domain zuordnen", "Vertrag zuordnen", "Aufgabe anlegen"])
      expect(text).toContain(`"text":"${label}"`);
    expect(text).toContain("hans@baeckerei-mueller.de");
  });

  /** Clicks a card button, submits the pushed form, and returns the card as redrawn by views.update. */
  async function throughCardForm(actionId: string, callbackId: string, values: Parameters<typeof submit>[2]) {
    const pushes = count("views.push");
    const updates = count("views.update");
    await click(t.app, t.standin, actionId, customerId, { view: card });
    const form = await nthView(t.standin, "views.push", pushes + 1);
    expect(form.callback_id).toBe(callbackId);
    expect(JSON.parse(form.private_metadata ?? "{}")).toEqual({ c: customerId, v: card.id });
    const res = await submit(t.app, form, values);
    expect(res.status).toBe(200);
    if (res.text) return { answer: res.json() as ViewAnswer, card: undefined };
    const redrawn = await nthView(t.standin, "views.update", updates + 1);
    expect(t.standin.okCallsOf("views.update").at(-1)?.args.view_id).toBe(card.id);
    return { answer: undefined, card: redrawn };
  }

  it("edits the customer (Bearbeiten) and redraws the card", async () => {
    const pushes = count("views.push");
    await click(t.app, t.standin, ActionId.editCustomer, customerId, { view: card });
    const form = await nthView(t.standin, "views.push", pushes + 1);
    expect(json(form)).toContain("Bäckerei Müller GmbH"); // prefilled
    const { card: redrawn } = await throughCardForm(
      ActionId.editCustomer,
      CallbackId.customerForm,
      texts({
        [FieldId.company]: "Bäckerei Müller GmbH",
        [FieldId.firstName]: "Hans",
        [FieldId.lastName]: "Müller",
        [FieldId.email]: "hans@baeckerei-mueller.de",
        [FieldId.phone]: "+49 30 1234567",
      }),
    );
    expect(json(redrawn as SentView)).toContain("+49 30 1234567");
    const c = await t.app.deps.prisma.customer.findUniqueOrThrow({
      where: { id: customerId },
      select: { phone: true },
    });
    expect(c.phone).toBe("+49 30 1234567");
  });

  it("assigns a domain (normalized), finds the customer by it, and refuses it for another customer", async () => {
    const { card: redrawn } = await throughCardForm(
      ActionId.assignDomain,
      CallbackId.assignDomain,
      texts({ [FieldId.domainName]: "https://www.Mueller-Brot.de/kontakt" }),
    );
    expect(json(redrawn as SentView)).toContain("www.mueller-brot.de");
    const d = await t.app.deps.prisma.domain.findMany({ select: { name: true, customerId: true } });
    expect(d).toEqual([{ name: "www.mueller-brot.de", customerId }]);

    const body = (await slashCommand(t.app, t.standin, "mueller-brot")).json() as Ephemeral;
    expect(JSON.stringify(body.blocks)).toContain(customerId);

    const { answer } = await throughCardForm(
      ActionId.assignDomain,
      CallbackId.assignDomain,
      texts({ [FieldId.domainName]: "kein domain" }),
    );
    expect(answer?.errors?.[FieldId.domainName]).toContain("keine gültige Domain");
  });

  it("assigns a contract", async () => {
    const { card: redrawn } = await throughCardForm(ActionId.assignContract, CallbackId.assignContract, {
      ...texts({ [FieldId.contractTitle]: "Managed Cloud Hosting", [FieldId.contractNumber]: "V-2026-1" }),
      [FieldId.contractStartsOn]: {
        [FieldId.contractStartsOn]: { type: "datepicker", selected_date: "2026-01-15" },
      },
    });
    expect(json(redrawn as SentView)).toContain("Managed Cloud Hosting · Nr. V-2026-1 · ab 15.01.2026");
    const k = await t.app.deps.prisma.contract.findFirstOrThrow({
      select: { customerId: true, startsOn: true },
    });
    expect(k).toEqual({ customerId, startsOn: new Date("2026-01-15T00:00:00Z") });
  });

  it("creates a task with due date and assignee, and marks it done from the card", async () => {
    const { card: redrawn } = await throughCardForm(ActionId.createTask, CallbackId.createTask, {
      ...texts({ [FieldId.taskTitle]: "Website-Relaunch" }),
      [FieldId.taskDueOn]: { [FieldId.taskDueOn]: { type: "datepicker", selected_date: "2026-02-01" } },
      [FieldId.taskAssignee]: {
        [FieldId.taskAssignee]: { type: "users_select", selected_user: "U0OTHER001" },
      },
    });
    const text = json(redrawn as SentView);
    expect(text).toContain("Website-Relaunch");
    expect(text).toContain("fällig 01.02.2026 · <@U0OTHER001>");
    const task = await t.app.deps.prisma.task.findFirstOrThrow({
      select: { id: true, done: true, assigneeId: true },
    });
    expect(task).toMatchObject({ done: false, assigneeId: "U0OTHER001" });

    const updates = count("views.update");
    await click(t.app, t.standin, ActionId.toggleTask, JSON.stringify({ t: task.id, d: true }), {
      view: card,
    });
    const after = await nthView(t.standin, "views.update", updates + 1);
    expect(json(after)).toContain("Wieder öffnen");
    const done = await t.app.deps.prisma.task.findUniqueOrThrow({
      where: { id: task.id },
      select: { done: true },
    });
    expect(done.done).toBe(true);
  });

  it("records every change in the audit log and shows the latest on the card", async () => {
    const audit = await t.app.deps.prisma.auditEntry.findMany({
      where: { customerId },
      orderBy: { id: "asc" },
      select: { action: true, actor: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "customer.created",
      "customer.updated",
      "domain.assigned",
      "contract.assigned",
      "task.created",
      "task.done",
    ]);
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(["U0MEMBER01"]));
  });

  it("keeps everything across a restart", async () => {
    await t.restartApp();
    const n = count("views.open");
    await click(t.app, t.standin, ActionId.openCustomer, customerId, { ephemeral: true });
    const text = json(await nthView(t.standin, "views.open", n + 1));
    for (const s of [
      "+49 30 1234567",
      "www.mueller-brot.de",
      "Managed Cloud Hosting",
      "Website-Relaunch",
      "Aufgabe erledigt",
    ])
      expect(text).toContain(s);
  });

  it("offers existing customers for Bestehender Kunde, within 75 characters", async () => {
    const res = await t.app.interact({
      type: "block_suggestion",
      team: { id: "T0AGENTUR1" },
      user: { id: "U0MEMBER01" },
      action_id: ActionId.existingCustomer,
      block_id: "existing",
      value: "mueller",
      view: { id: "V0DECIDE01", type: "modal", callback_id: CallbackId.assignRequest },
    });
    const { options } = res.json() as { options: { text: { text: string }; value: string }[] };
    expect(options.map((o) => o.value)).toContain(customerId);
    for (const o of options) expect(Array.from(o.text.text).length).toBeLessThanOrEqual(75);
    expect(options.find((o) => o.value === customerId)?.text.text).toBe(
      "Bäckerei Müller GmbH · Hans Müller · hans@baeckerei-mueller.de",
    );
  });

  it("pages through many search results with Weiter", async () => {
    await t.app.deps.prisma.customer.createMany({
      data: Array.from({ length: 23 }, (_, i) => ({
        company: `Seitentest ${i}`,
        searchText: `seitentest ${i}`,
      })),
    });
    const first = (await slashCommand(t.app, t.standin, "seitentest")).json() as Ephemeral;
    const next = first.blocks
      .flatMap((b) => (b as { elements?: { action_id?: string; value?: string }[] }).elements ?? [])
      .find((e) => e.action_id === ActionId.pageNext);
    expect(next).toBeDefined();
    const before = t.standin.responses.length;
    await click(t.app, t.standin, ActionId.pageNext, next?.value, { ephemeral: true });
    await t.standin.waitFor((s) => s.responses.length > before);
    const replaced = t.standin.responses.at(-1)?.body as {
      replace_original: boolean;
      blocks: unknown;
    };
    expect(replaced.replace_original).toBe(true);
    expect(JSON.stringify(replaced.blocks)).toContain("Seite 2 von 3");
  });
});
