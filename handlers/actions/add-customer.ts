import { openDecisionModal } from "../decisions/open-decision-modal.ts";

/** Kunde hinzufügen on an inquiry. */
export const addCustomer = openDecisionModal({ kind: "inquiry", modal: "decide" });
