import type { Middleware, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import { customerOption, MAX_OPTIONS } from "../../blocks/customers/customer-option.ts";
import { storableString } from "../../domain/fields.ts";
import type { Deps } from "../deps.ts";

const typed = storableString().max(200).catch("");

/** **Bestehender Kunde**: the customers that match what was typed, best first (value: the customer id). */
export const existingCustomerOptions =
  (deps: Deps): Middleware<SlackOptionsMiddlewareArgs<"block_suggestion">> =>
  async ({ ack, payload }) => {
    const q = typed.parse((payload as { value?: unknown }).value);
    const { items } = await deps.customers.searchCustomers(q, { limit: MAX_OPTIONS });
    await ack({ options: items.map(customerOption) });
  };
