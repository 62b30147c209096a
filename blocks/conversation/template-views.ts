import type { KnownBlock, ModalView } from "@slack/types";
import { ANSWER_SUBJECT_MAX, ANSWER_TEXT_MAX, TEMPLATE_NAME_MAX } from "../../domain/conversation/limits.ts";
import { plain } from "../format.ts";
import { ActionId, CallbackId, INPUT_ACTION, TemplateBlock } from "../ids.ts";
import { truncate } from "../truncate.ts";

export interface TemplateForView {
  id: string;
  name: string;
  subject: string;
  text: string;
}

/** Three blocks per template (divider, text, buttons) and a head: a modal holds 100 blocks. */
export const TEMPLATES_LISTED = 32;

const PLACEHOLDER_HINT =
  "Platzhalter: {name} (Interessent), {firma}, {agentur} (AGENCY_NAME), {mitglied} (wer antwortet). Eine Zeile, deren Platzhalter leer bleiben, entfällt.";

/** `/kunden vorlagen`: the templates, with **Neue Vorlage**, and for each **Bearbeiten** and **Löschen**. */
export function templateListModal(templates: TemplateForView[], total = templates.length): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: "section",
      block_id: "templates_head",
      text: plain(
        total === 0
          ? "Noch keine Vorlagen. Vorlagen füllen Betreff und Nachricht beim Antworten."
          : `Vorlagen füllen Betreff und Nachricht beim Antworten. ${PLACEHOLDER_HINT}`,
        3000,
      ),
      accessory: {
        type: "button",
        action_id: ActionId.newTemplate,
        text: plain("Neue Vorlage", 75),
        style: "primary",
        value: "new",
      },
    },
  ];
  for (const t of templates.slice(0, TEMPLATES_LISTED)) {
    blocks.push(
      { type: "divider" },
      {
        type: "section",
        block_id: `template_${t.id}`,
        text: plain(`${t.name}\nBetreff: ${t.subject}\n${truncate(t.text.replace(/\s+/g, " "), 200)}`, 3000),
      },
      {
        type: "actions",
        block_id: `template_actions_${t.id}`,
        elements: [
          { type: "button", action_id: ActionId.editTemplate, text: plain("Bearbeiten", 75), value: t.id },
          {
            type: "button",
            action_id: ActionId.deleteTemplate,
            text: plain("Löschen", 75),
            value: t.id,
            style: "danger",
            confirm: {
              title: plain("Vorlage löschen?", 100),
              text: plain(`„${truncate(t.name, 200)}“ wird für das ganze Team gelöscht.`, 300),
              confirm: plain("Löschen", 30),
              deny: plain("Abbrechen", 30),
              style: "danger",
            },
          },
        ],
      },
    );
  }
  if (total > Math.min(templates.length, TEMPLATES_LISTED)) {
    blocks.push({
      type: "context",
      elements: [plain(`und ${total - Math.min(templates.length, TEMPLATES_LISTED)} weitere`, 2000)],
    });
  }
  return {
    type: "modal",
    callback_id: CallbackId.templateList,
    title: plain("Vorlagen", 24),
    close: plain("Schließen", 24),
    blocks,
  };
}

/** **Neue Vorlage** / **Bearbeiten**: Name, Betreff, Text; `private_metadata` names the template, if any. */
export function templateFormModal(input: { meta: string; initial?: TemplateForView }): ModalView {
  const initial = input.initial;
  const field = (
    blockId: string,
    label: string,
    max: number,
    value: string | undefined,
    multiline = false,
  ): KnownBlock => ({
    type: "input",
    block_id: blockId,
    label: plain(label, 2000),
    element: {
      type: "plain_text_input",
      action_id: INPUT_ACTION,
      max_length: max,
      ...(multiline ? { multiline: true } : {}),
      ...(value ? { initial_value: truncate(value, max) } : {}),
    },
  });
  return {
    type: "modal",
    callback_id: CallbackId.templateForm,
    private_metadata: input.meta,
    title: plain(initial ? "Vorlage bearbeiten" : "Neue Vorlage", 24),
    submit: plain("Speichern", 24),
    close: plain("Abbrechen", 24),
    blocks: [
      field(TemplateBlock.name, "Name", TEMPLATE_NAME_MAX, initial?.name),
      field(TemplateBlock.subject, "Betreff", ANSWER_SUBJECT_MAX, initial?.subject),
      field(TemplateBlock.text, "Text", ANSWER_TEXT_MAX, initial?.text, true),
      { type: "context", elements: [plain(PLACEHOLDER_HINT, 2000)] },
    ],
  };
}
