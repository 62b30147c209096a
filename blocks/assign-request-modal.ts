import type { KnownBlock, ModalView } from "@slack/types";
import type { CustomerInput } from "../domain/customers/customer.schema.ts";
import { customerLabel } from "../domain/customers/customer-label.ts";
import type { CustomerSummary } from "../domain/customers/customer-repository.ts";
import type { RequestForDecision } from "../domain/decisions/request-repository.ts";
import { stripInvisible } from "../domain/text/invisible.ts";
import { customerFieldBlocks } from "./customers/customer-form.ts";
import { customerOption } from "./customers/customer-option.ts";
import { accessLevelLabel } from "./format.ts";
import { ActionId, CallbackId, EXISTING_CUSTOMER_BLOCK } from "./ids.ts";
import { truncate } from "./truncate.ts";

/** Who the request is from, as plain text (outside text can never ping or link there). */
function requestSummary(r: RequestForDecision): KnownBlock[] {
  const lines = [
    stripInvisible(r.name),
    r.company && stripInvisible(r.company),
    r.email,
    r.phone,
    r.kind === "invitation" && r.accessLevel ? accessLevelLabel(r.accessLevel) : null,
    r.customerNumber ? `Kundennummer ${r.customerNumber}` : null,
  ].filter(Boolean);
  return [
    { type: "section", text: { type: "plain_text", text: truncate(lines.join("\n"), 3000), emoji: false } },
  ];
}

/**
 * Kunde hinzufügen (inquiry) / Kunde verbinden (invitation): choose an existing customer, or create
 * a new one from the prefilled fields. `private_metadata` carries what the submission needs.
 */
export function assignRequestModal(input: {
  request: RequestForDecision;
  draft: CustomerInput;
  /** An existing customer with the request's e-mail: preselected, and the modal says so. */
  match?: CustomerSummary;
  privateMetadata: string;
}): ModalView {
  const { request, match } = input;
  const inquiry = request.kind === "inquiry";
  const blocks: KnownBlock[] = [
    ...requestSummary(request),
    ...(match
      ? [
          {
            type: "context" as const,
            elements: [
              {
                type: "plain_text" as const,
                text: truncate(
                  `Es gibt bereits einen Kunden mit dieser E-Mail-Adresse: ${customerLabel(match)}. Er ist unten vorausgewählt; leeren Sie die Auswahl, um einen neuen Kunden anzulegen.`,
                  2000,
                ),
              },
            ],
          },
        ]
      : []),
    {
      type: "input",
      block_id: EXISTING_CUSTOMER_BLOCK,
      optional: true,
      label: { type: "plain_text", text: "Bestehender Kunde" },
      hint: {
        type: "plain_text",
        text: inquiry
          ? "Die Anfrage wird diesem Kunden dauerhaft zugeordnet. Leer lassen, um einen neuen Kunden anzulegen."
          : "Die Zugriffsfreigabe wird diesem Kunden dauerhaft zugeordnet. Leer lassen, um einen neuen Kunden anzulegen.",
      },
      element: {
        type: "external_select",
        action_id: ActionId.existingCustomer,
        min_query_length: 1,
        placeholder: { type: "plain_text", text: "Name, Firma oder E-Mail eingeben" },
        ...(match ? { initial_option: customerOption(match) } : {}),
      },
    },
    { type: "divider" },
    { type: "header", text: { type: "plain_text", text: "Oder neuer Kunde" } },
    ...customerFieldBlocks({ ...input.draft, email: input.draft.email ?? null }),
  ];
  return {
    type: "modal",
    callback_id: CallbackId.assignRequest,
    ...(input.privateMetadata ? { private_metadata: input.privateMetadata } : {}),
    title: { type: "plain_text", text: inquiry ? "Kunde hinzufügen" : "Kunde verbinden" },
    submit: { type: "plain_text", text: inquiry ? "Hinzufügen" : "Verbinden" },
    close: { type: "plain_text", text: "Abbrechen" },
    blocks,
  };
}

/**
 * The modal of a person who cannot (or can no longer) decide: a notice. Its text may name a
 * customer (outside text, escaped by the caller): verbatim, so that Slack links nothing in it.
 */
export function noticeModal(title: string, text: string): ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: truncate(title.trim() || "kundenbot", 24) },
    close: { type: "plain_text", text: "Schließen" },
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: truncate(text.trim() || "–", 3000), verbatim: true } },
    ],
  };
}
