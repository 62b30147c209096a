import type { ModalView } from "@slack/types";
import type { RequestForDecision } from "../domain/decisions/request-repository.ts";
import { CallbackId, PERSONAL_MESSAGE_ACTION, PERSONAL_MESSAGE_BLOCK } from "./ids.ts";
import { truncate } from "./truncate.ts";

export const PERSONAL_MESSAGE_MAX = 2000;

/**
 * Einladung ablehnen: shows the standard e-mail the prospect will receive and takes an optional
 * personal message (Persönliche Nachricht) that is added to it.
 */
export function declineModal(input: {
  invitation: RequestForDecision;
  mail: { subject: string; text: string };
  privateMetadata: string;
}): ModalView {
  const { invitation, mail } = input;
  return {
    type: "modal",
    callback_id: CallbackId.declineInvitation,
    ...(input.privateMetadata ? { private_metadata: input.privateMetadata } : {}),
    title: { type: "plain_text", text: "Einladung ablehnen" },
    submit: { type: "plain_text", text: "Ablehnen" },
    close: { type: "plain_text", text: "Abbrechen" },
    blocks: [
      {
        type: "section",
        text: {
          type: "plain_text",
          text: truncate(
            `Die Zugriffsfreigabe von ${invitation.name} (${invitation.email}) wird abgelehnt. ${invitation.name} erhält diese E-Mail:`,
            3000,
          ),
        },
      },
      {
        type: "section",
        text: { type: "plain_text", text: truncate(`Betreff: ${mail.subject}\n\n${mail.text}`, 3000) },
      },
      {
        type: "input",
        block_id: PERSONAL_MESSAGE_BLOCK,
        optional: true,
        label: { type: "plain_text", text: "Persönliche Nachricht" },
        hint: {
          type: "plain_text",
          text: "Wird der Standard-E-Mail hinzugefügt, genau so, wie Sie sie schreiben.",
        },
        element: {
          type: "plain_text_input",
          action_id: PERSONAL_MESSAGE_ACTION,
          multiline: true,
          max_length: PERSONAL_MESSAGE_MAX,
        },
      },
    ],
  };
}
