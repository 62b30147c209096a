import type { Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import {
  customerFieldBlockId,
  customerFormMetadata,
  customerFormView,
  readCustomerFields,
} from "../../blocks/customers/customer-form.ts";
import { FieldId } from "../../blocks/ids.ts";
import { customerInput } from "../../domain/customers/customer.schema.ts";
import type { Deps } from "../deps.ts";
import { buildCardView, fieldErrors, refreshCard } from "../shared/customer-card.ts";
import { parseMetadata } from "../shared/metadata.ts";

const sameEmail = (a: string | null | undefined, b: string | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

/**
 * Saves the customer form (new or edit). A duplicate e-mail address is flagged before saving: the
 * form comes back with a warning that names the other customers, and a second **Speichern** with
 * the same address saves (the same person may be the contact of two companies). A new customer's
 * card replaces the form; an edited one closes the form and redraws the card underneath.
 */
export const customerFormSubmission =
  (deps: Deps): Middleware<SlackViewMiddlewareArgs> =>
  async ({ ack, body, view, client }) => {
    const parsedMeta = parseMetadata(customerFormMetadata, view.private_metadata);
    if (!parsedMeta.success) throw parsedMeta.error;
    const meta = parsedMeta.data;
    const raw = readCustomerFields(view.state);
    const parsed = customerInput.safeParse(raw);
    if (!parsed.success) {
      await ack({ response_action: "errors", errors: fieldErrors(parsed.error, customerFieldBlockId) });
      return;
    }
    const data = parsed.data;
    if (data.email && !sameEmail(data.email, meta.e)) {
      const duplicates = await deps.customers.emailDuplicates(data.email, meta.c);
      if (duplicates.length) {
        await ack({
          response_action: "update",
          view: customerFormView({ initial: raw, meta: { ...meta, e: data.email }, duplicates }),
        });
        return;
      }
    }
    const actor = body.user.id;
    if (meta.c) {
      const result = await deps.customers.editCustomer(meta.c, data, actor);
      if (result.status === "not_found") {
        await ack({
          response_action: "errors",
          errors: { [FieldId.company]: "Diesen Kunden gibt es nicht mehr." },
        });
        return;
      }
      await ack();
      await refreshCard(deps, client, meta.v, meta.c);
      return;
    }
    const customer = await deps.customers.createCustomer(data, actor);
    await ack({ response_action: "update", view: await buildCardView(deps, customer.id) });
  };
