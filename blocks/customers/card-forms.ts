import type { InputBlock, KnownBlock, ModalView } from "@slack/types";
import { plain } from "../format.ts";
import { CallbackId, FieldId } from "../ids.ts";
import type { CardMetadata } from "./customer-card.ts";

function textInput(
  id: string,
  label: string,
  { optional = false, max = 200, multiline = false, placeholder = "" } = {},
): InputBlock {
  return {
    type: "input",
    block_id: id,
    optional,
    label: plain(label),
    element: {
      type: "plain_text_input",
      action_id: id,
      max_length: max,
      multiline,
      ...(placeholder ? { placeholder: plain(placeholder, 150) } : {}),
    },
  };
}

function datePicker(id: string, label: string): InputBlock {
  return {
    type: "input",
    block_id: id,
    optional: true,
    label: plain(label),
    element: { type: "datepicker", action_id: id, placeholder: plain("Datum wählen", 150) },
  };
}

function form(callbackId: string, title: string, meta: CardMetadata, blocks: KnownBlock[]): ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    private_metadata: JSON.stringify(meta),
    title: plain(title, 24),
    submit: plain("Speichern", 24),
    close: plain("Zurück", 24),
    blocks,
  };
}

export function domainFormView(meta: CardMetadata): ModalView {
  return form(CallbackId.assignDomain, "Domain zuordnen", meta, [
    textInput(FieldId.domainName, "Domain", { max: 300, placeholder: "beispiel.de" }),
  ]);
}

export function contractFormView(meta: CardMetadata): ModalView {
  return form(CallbackId.assignContract, "Vertrag zuordnen", meta, [
    textInput(FieldId.contractTitle, "Bezeichnung", { placeholder: "z. B. Managed Cloud Hosting" }),
    textInput(FieldId.contractNumber, "Vertragsnummer", { optional: true, max: 100 }),
    datePicker(FieldId.contractStartsOn, "Beginn"),
    textInput(FieldId.contractNotes, "Notizen", { optional: true, max: 2000, multiline: true }),
  ]);
}

/** A task: title, due date, and who does it (the person who creates it, unless they pick someone else). */
export function taskFormView(meta: CardMetadata, creatorId: string): ModalView {
  return form(CallbackId.createTask, "Aufgabe anlegen", meta, [
    textInput(FieldId.taskTitle, "Titel"),
    datePicker(FieldId.taskDueOn, "Fällig am"),
    {
      type: "input",
      block_id: FieldId.taskAssignee,
      optional: true,
      label: plain("Zuständig"),
      element: { type: "users_select", action_id: FieldId.taskAssignee, initial_user: creatorId },
    },
  ]);
}
