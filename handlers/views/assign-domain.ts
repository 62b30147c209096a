import { FieldId } from "../../blocks/ids.ts";
import { customerLabel } from "../../domain/customers/customer-label.ts";
import { domainInput } from "../../domain/domains/domain.schema.ts";
import { cardForm, GONE, parseFields, text } from "../shared/card-form.ts";

/** **Domain zuordnen**: one customer per domain; a taken name is refused with its owner's name. */
export const assignDomainSubmission = cardForm(async (deps, meta, state, actor) => {
  const parsed = parseFields(domainInput, state, { name: [FieldId.domainName, text] });
  if ("errors" in parsed) return parsed.errors;
  const result = await deps.customers.assignDomain(meta.c, parsed.data, actor);
  if (result.status === "assigned") return undefined;
  if (result.status === "not_found") return { [FieldId.domainName]: GONE };
  const owner = result.customerId === meta.c ? null : await deps.customers.findCustomer(result.customerId);
  return {
    [FieldId.domainName]: owner
      ? `${parsed.data.name} ist schon einem anderen Kunden zugeordnet: ${customerLabel(owner)}`
      : `${parsed.data.name} ist diesem Kunden schon zugeordnet.`,
  };
});
