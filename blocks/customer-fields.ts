import type { InputBlock, KnownBlock } from "@slack/types";
import type { CustomerInput } from "../domain/customers/customer.schema.ts";

/** block_id of each customer field; the same ids key `response_action: errors`. */
export const CustomerField = {
  company: "customer_company",
  firstName: "customer_first_name",
  lastName: "customer_last_name",
  email: "customer_email",
  phone: "customer_phone",
  address: "customer_address",
  notes: "customer_notes",
} as const satisfies Record<keyof CustomerInput, string>;

/** Each field's input element has the action_id "value". */
export const FIELD_ACTION = "value";

const FIELDS: { key: keyof CustomerInput; label: string; max: number; multiline?: boolean; hint?: string }[] =
  [
    { key: "company", label: "Firma", max: 200 },
    { key: "firstName", label: "Vorname", max: 100 },
    { key: "lastName", label: "Nachname", max: 100 },
    { key: "email", label: "E-Mail", max: 254 },
    { key: "phone", label: "Telefon", max: 50 },
    { key: "address", label: "Anschrift", max: 500, multiline: true },
    { key: "notes", label: "Notiz", max: 3000, multiline: true },
  ];

/** The fields of a customer (Kunden-Eintrag), prefilled. All optional in Slack; the domain decides what is required. */
export function customerFieldBlocks(
  initial: Partial<Record<keyof CustomerInput, string | null | undefined>> = {},
): KnownBlock[] {
  return FIELDS.map((f): InputBlock => {
    const value = initial[f.key]?.slice(0, f.max);
    return {
      type: "input",
      block_id: CustomerField[f.key],
      optional: true,
      label: { type: "plain_text", text: f.label },
      element: {
        type: "plain_text_input",
        action_id: FIELD_ACTION,
        max_length: f.max,
        ...(f.multiline ? { multiline: true } : {}),
        ...(value ? { initial_value: value } : {}),
      },
    };
  });
}

type ViewValues = Record<string, Record<string, { value?: string | null } | undefined> | undefined>;

/** Reads the customer fields back from a submitted view's state. */
export function readCustomerFields(values: ViewValues): Record<keyof CustomerInput, string | null> {
  const out = {} as Record<keyof CustomerInput, string | null>;
  for (const f of FIELDS) out[f.key] = values[CustomerField[f.key]]?.[FIELD_ACTION]?.value ?? null;
  return out;
}

/** Zod issues (path[0] = field) as Slack's `response_action: errors`, keyed by block_id. */
export function customerFieldErrors(
  issues: { path: PropertyKey[]; message: string }[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path[0] as keyof CustomerInput;
    const block = CustomerField[key];
    if (block && !errors[block]) errors[block] = issue.message;
  }
  return errors;
}
