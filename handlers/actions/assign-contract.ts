import { contractFormView } from "../../blocks/customers/card-forms.ts";
import { pushCardForm } from "../shared/card-form.ts";

/** **Vertrag zuordnen** (saved by `views/assign-contract.ts`). */
export const assignContractClick = pushCardForm("Vertrag zuordnen", (_deps, meta) => contractFormView(meta));
