import type { InputBlock, ModalView } from "@slack/types";
import { CallbackId, INPUT_ACTION, RecordInquiryBlock } from "./ids.ts";

/** The action_id of every input in the modal; the block_id tells them apart. */

/** A plain_text_input holds at most 3,000 characters, so a message typed here is shorter than via the API. */
export const MANUAL_MESSAGE_MAX = 3000;

/** "Anfrage erfassen": record an inquiry that came by phone or e-mail (`/kunden anfrage`, shortcut). */
export function recordInquiryModal(): ModalView {
  const text = (
    blockId: string,
    label: string,
    opts: { optional?: boolean; max: number; multiline?: boolean; placeholder?: string },
  ): InputBlock => ({
    type: "input",
    block_id: blockId,
    optional: opts.optional ?? false,
    label: { type: "plain_text", text: label },
    element: {
      type: "plain_text_input",
      action_id: INPUT_ACTION,
      max_length: opts.max,
      multiline: opts.multiline ?? false,
      ...(opts.placeholder ? { placeholder: { type: "plain_text", text: opts.placeholder } } : {}),
    },
  });
  return {
    type: "modal",
    callback_id: CallbackId.recordInquiry,
    title: { type: "plain_text", text: "Anfrage erfassen" },
    submit: { type: "plain_text", text: "Speichern" },
    close: { type: "plain_text", text: "Abbrechen" },
    blocks: [
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: "Eine Anfrage, die per Telefon oder E-Mail kam. Sie wird wie jede andere im Team-Kanal gepostet.",
          },
        ],
      },
      text(RecordInquiryBlock.name, "Name", { max: 200, placeholder: "Vor- und Nachname" }),
      {
        type: "input",
        block_id: RecordInquiryBlock.email,
        label: { type: "plain_text", text: "E-Mail" },
        element: { type: "email_text_input", action_id: INPUT_ACTION },
      },
      text(RecordInquiryBlock.phone, "Telefon", { optional: true, max: 50 }),
      text(RecordInquiryBlock.company, "Firma", { optional: true, max: 200 }),
      text(RecordInquiryBlock.message, "Nachricht", {
        optional: true,
        max: MANUAL_MESSAGE_MAX,
        multiline: true,
      }),
      {
        type: "input",
        block_id: RecordInquiryBlock.receivedAt,
        optional: true,
        label: { type: "plain_text", text: "Eingegangen am" },
        hint: { type: "plain_text", text: "Leer lassen für jetzt." },
        element: { type: "datetimepicker", action_id: INPUT_ACTION },
      },
    ],
  };
}
