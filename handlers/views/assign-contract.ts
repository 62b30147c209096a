import { FieldId } from "../../blocks/ids.ts";
import { contractInput } from "../../domain/contracts/contract.schema.ts";
import { cardForm, date, GONE, optionalText, parseFields, text } from "../shared/card-form.ts";

/** **Vertrag zuordnen**. */
export const assignContractSubmission = cardForm(async (deps, meta, state, actor) => {
  const parsed = parseFields(contractInput, state, {
    title: [FieldId.contractTitle, text],
    number: [FieldId.contractNumber, optionalText],
    startsOn: [FieldId.contractStartsOn, date],
    notes: [FieldId.contractNotes, optionalText],
  });
  if ("errors" in parsed) return parsed.errors;
  const result = await deps.customers.assignContract(meta.c, parsed.data, actor);
  return result.status === "assigned" ? undefined : { [FieldId.contractTitle]: GONE };
});
