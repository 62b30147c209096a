import { domainFormView } from "../../blocks/customers/card-forms.ts";
import { pushCardForm } from "../shared/card-form.ts";

/** **Domain zuordnen** (saved by `views/assign-domain.ts`). */
export const assignDomainClick = pushCardForm("Domain zuordnen", (_deps, meta) => domainFormView(meta));
