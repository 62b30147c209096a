import { customerFormView } from "../../blocks/customers/customer-form.ts";
import { pushCardForm } from "../shared/card-form.ts";
import { buildCardView } from "../shared/customer-card.ts";

/** **Bearbeiten**: the customer form with the current data (saved by `views/customer-form.ts`). */
export const editCustomerClick = pushCardForm("Kunde bearbeiten", async (deps, meta) => {
  const c = await deps.customers.findCustomerContact(meta.c);
  return c ? customerFormView({ initial: c, meta }) : buildCardView(deps, meta.c);
});
