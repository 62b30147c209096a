import { describe, expect, it } from "vitest";
import { ActionId, CallbackId, INPUT_ACTION, TemplateBlock } from "../../blocks/ids.ts";
import { click, nthView, type SentView, slashCommand, submit } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

/** `/kunden vorlagen` through signed requests against the stand-in: list, Neue Vorlage, Bearbeiten, Löschen, roles. */

const ADMIN = "U0MEMBER02";
const MEMBER = "U0MEMBER01";

const values = (name: string, subject: string, text: string) => ({
  [TemplateBlock.name]: { [INPUT_ACTION]: { type: "plain_text_input", value: name } },
  [TemplateBlock.subject]: { [INPUT_ACTION]: { type: "plain_text_input", value: subject } },
  [TemplateBlock.text]: { [INPUT_ACTION]: { type: "plain_text_input", value: text } },
});
const buttonsOf = (view: SentView) =>
  view.blocks.flatMap((b) => {
    const elements = (b.elements as { action_id?: string; value?: string; text?: { text: string } }[]) ?? [];
    const accessory = b.accessory as
      | { action_id?: string; value?: string; text?: { text: string } }
      | undefined;
    return [...elements, ...(accessory ? [accessory] : [])].filter((e) => e.action_id);
  });

describe("/kunden vorlagen", () => {
  const t = useTestApp({ members: [MEMBER, ADMIN], env: { ADMIN_USERS: ADMIN } });

  it("lists the fresh installation's templates; Neue Vorlage refuses an unknown placeholder and saves a good one", async () => {
    await slashCommand(t.app, t.standin, "vorlagen", ADMIN);
    const list = await nthView(t.standin, "views.open", 1);
    expect(list.callback_id).toBe(CallbackId.templateList);
    const shown = JSON.stringify(list.blocks);
    expect(shown).toContain("Erstantwort");
    expect(shown).toContain("Rückfrage");
    expect(buttonsOf(list).map((b) => b.text?.text)).toEqual([
      "Neue Vorlage",
      "Bearbeiten",
      "Löschen",
      "Bearbeiten",
      "Löschen",
    ]);

    await click(t.app, t.standin, ActionId.newTemplate, "new", { view: list, user: ADMIN });
    const form = await nthView(t.standin, "views.push", 1);
    expect(form.callback_id).toBe(CallbackId.templateForm);
    expect(
      form.blocks.filter((b) => b.type === "input").map((b) => (b.label as { text: string }).text),
    ).toEqual(["Name", "Betreff", "Text"]);

    const refused = await submit(t.app, form, values("Terminvorschlag", "Termin", "Hallo {vorname},"), ADMIN);
    const body = refused.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(body.errors[TemplateBlock.text]).toContain("{vorname}");
    expect(await t.app.deps.prisma.answerTemplate.count()).toBe(2);

    const tooLong = (await submit(t.app, form, values("X", "Y", "z".repeat(20_000)), ADMIN).then((r) =>
      r.json(),
    )) as { errors: Record<string, string> };
    expect(Object.keys(tooLong.errors)).toEqual([TemplateBlock.text]);
    const duplicate = (await submit(t.app, form, values("erstantwort", "Y", "Z"), ADMIN).then((r) =>
      r.json(),
    )) as { errors: Record<string, string> };
    expect(Object.keys(duplicate.errors)).toEqual([TemplateBlock.name]);

    const ok = await submit(
      t.app,
      form,
      values(
        "Terminvorschlag",
        "Termin für {firma}",
        "Guten Tag {name},\n\nwie wäre Dienstag?\n\n{mitglied}",
      ),
      ADMIN,
    );
    expect(ok.text).toBe("");
    const saved = await t.app.deps.prisma.answerTemplate.findFirstOrThrow({
      where: { name: "Terminvorschlag" },
    });
    expect(saved).toMatchObject({ subject: "Termin für {firma}", createdBy: ADMIN });
    // The list under the form shows it.
    const refreshed = await nthView(t.standin, "views.update", 1);
    expect(t.standin.okCallsOf("views.update")[0]?.args.view_id).toBe(list.id);
    expect(JSON.stringify(refreshed.blocks)).toContain("Terminvorschlag");
  });

  it("Bearbeiten shows the template's fields and saves the change; Löschen removes it from the list", async () => {
    t.standin.reset();
    await slashCommand(t.app, t.standin, "vorlagen", ADMIN);
    const list = await nthView(t.standin, "views.open", 1);
    const template = await t.app.deps.prisma.answerTemplate.findFirstOrThrow({
      where: { name: "Rückfrage" },
    });
    await click(t.app, t.standin, ActionId.editTemplate, template.id, { view: list, user: ADMIN });
    const form = await nthView(t.standin, "views.push", 1);
    const initial = form.blocks
      .filter((b) => b.type === "input")
      .map((b) => (b.element as { initial_value?: string }).initial_value);
    expect(initial).toEqual([template.name, template.subject, template.text]);
    await submit(t.app, form, values("Rückfrage", "Ihre Anfrage: Rückfrage", template.text), ADMIN);
    expect(
      (await t.app.deps.prisma.answerTemplate.findUniqueOrThrow({ where: { id: template.id } })).subject,
    ).toBe("Ihre Anfrage: Rückfrage");

    // The list was shown anew after saving: the click comes from that view (its hash).
    const current = await nthView(t.standin, "views.update", 1);
    await click(t.app, t.standin, ActionId.deleteTemplate, template.id, { view: current, user: ADMIN });
    await t.standin.waitFor(
      (s) => s.okCallsOf("views.update").some((c) => !String(c.args.view).includes("Rückfrage")),
      5_000,
      "the list without it",
    );
    expect(await t.app.deps.prisma.answerTemplate.count({ where: { id: template.id } })).toBe(0);
  });

  it("with ADMIN_USERS set, refuses other members the command and the form", async () => {
    t.standin.reset();
    const res = await slashCommand(t.app, t.standin, "vorlagen", MEMBER);
    expect((res.json() as { text: string }).text).toContain("ADMIN_USERS");
    expect(t.standin.okCallsOf("views.open")).toHaveLength(0);
    const forged = await submit(
      t.app,
      {
        id: "V0FORGED01",
        type: "modal",
        callback_id: CallbackId.templateForm,
        private_metadata: "{}",
        blocks: [],
      },
      values("Heimlich", "x", "y"),
      MEMBER,
    );
    expect(JSON.stringify(forged.json())).toContain("Nicht erlaubt");
    expect(await t.app.deps.prisma.answerTemplate.count({ where: { name: "Heimlich" } })).toBe(0);
  });
});
