import type { ViewOutput } from "@slack/bolt";
import type { InputBlock, KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import type { CustomerInput } from "../../domain/customers/customer.schema.ts";
import { customerLabel } from "../../domain/customers/customer-label.ts";
import type { CustomerSummary } from "../../domain/customers/customer-repository.ts";
import { plain } from "../format.ts";
import { CallbackId, FieldId } from "../ids.ts";
import { truncate } from "../truncate.ts";

type CustomerField = keyof typeof customerFields;

/** The customer fields in form order: label, max length, multi-line. */
const customerFields = {
  company: { label: "Firma", max: 200, multiline: false },
  firstName: { label: "Vorname", max: 100, multiline: false },
  lastName: { label: "Nachname", max: 100, multiline: false },
  email: { label: "E-Mail", max: 254, multiline: false },
  phone: { label: "Telefon", max: 50, multiline: false },
  address: { label: "Anschrift", max: 500, multiline: true },
  notes: { label: "Notiz", max: 3000, multiline: true },
} as const;

/** What the customer form carries: the customer being edited, the card to refresh, a confirmed duplicate e-mail. */
export const customerFormMetadata = z.object({
  c: z.uuid().optional(),
  v: z.string().max(100).optional(),
  /** The e-mail address the user already saw flagged as a duplicate; saving it again is their choice. */
  e: z.string().max(254).optional(),
});
export type CustomerFormMetadata = z.infer<typeof customerFormMetadata>;

/** The input blocks of a customer (all optional; the schema asks for a company or a name). Reusable in other modals. */
export function customerFieldBlocks(
  initial: Partial<Record<CustomerField, string | null>> = {},
): InputBlock[] {
  return (Object.keys(customerFields) as CustomerField[]).map((key) => {
    const f = customerFields[key];
    const value = initial[key];
    return {
      type: "input",
      block_id: FieldId[key],
      optional: true,
      label: plain(f.label),
      element: {
        type: "plain_text_input",
        action_id: FieldId[key],
        max_length: f.max,
        multiline: f.multiline,
        ...(value ? { initial_value: truncate(value, f.max) } : {}),
      },
    };
  });
}

/** Reads the customer fields from a submitted view's state (to be parsed with `customerInput`). */
export function readCustomerFields(state: ViewOutput["state"]): CustomerInput {
  const out: Record<string, string | null> = {};
  for (const key of Object.keys(customerFields) as CustomerField[]) {
    out[key] = state.values[FieldId[key]]?.[FieldId[key]]?.value ?? null;
  }
  return out as CustomerInput;
}

/** The block that shows a zod issue on a customer field. */
export function customerFieldBlockId(path: PropertyKey | undefined): string {
  return typeof path === "string" && Object.hasOwn(customerFields, path)
    ? FieldId[path as CustomerField]
    : FieldId.company;
}

/** "Kunden-Eintrag hinzufügen" (new) or "Kunde bearbeiten" (edit), with a duplicate warning when flagged. */
export function customerFormView({
  initial = {},
  meta = {},
  duplicates = [],
}: {
  initial?: Partial<Record<CustomerField, string | null>>;
  meta?: CustomerFormMetadata;
  duplicates?: CustomerSummary[];
}): ModalView {
  const editing = meta.c !== undefined;
  const intro: KnownBlock[] = editing
    ? []
    : [
        {
          type: "section",
          text: plain("Kunden-Eintrag hinzufügen: Füllen Sie die Felder aus und speichern Sie."),
        },
      ];
  if (duplicates.length) {
    const names = duplicates.map(customerLabel).join("; ");
    intro.push({
      type: "section",
      block_id: "duplicate_warning",
      text: plain(
        `⚠️ Diese E-Mail-Adresse ist schon eingetragen bei: ${names}. Bitte prüfen Sie, ob es derselbe Kunde ist. Mit „Speichern“ wird trotzdem gespeichert.`,
      ),
    });
  }
  return {
    type: "modal",
    callback_id: CallbackId.customerForm,
    private_metadata: JSON.stringify(meta),
    title: plain(editing ? "Kunde bearbeiten" : "Neuer Kunde", 24),
    submit: plain("Speichern", 24),
    close: plain("Abbrechen", 24),
    blocks: [...intro, ...customerFieldBlocks(initial)],
  };
}
