import type { PlainTextOption } from "@slack/types";
import { customerLabel } from "../../domain/customers/customer-label.ts";
import type { CustomerSummary } from "../../domain/customers/customer-repository.ts";
import { plain } from "../format.ts";

/** Slack cuts option lists at 100; a short list of the best matches is what a person reads anyway. */
export const MAX_OPTIONS = 20;

/** One **Bestehender Kunde** option: "Firma · Name · E-Mail" within 75 characters, value = the customer id. */
export function customerOption(c: CustomerSummary): PlainTextOption {
  const label = customerLabel(c);
  const text = c.email && !label.includes(c.email) ? `${label} · ${c.email}` : label;
  return { text: plain(text, 75), value: c.id };
}
