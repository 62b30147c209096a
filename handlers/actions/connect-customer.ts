import { openDecisionModal } from "../decisions/open-decision-modal.ts";

/** Kunde verbinden on an access invitation. */
export const connectCustomer = openDecisionModal({ kind: "invitation", modal: "decide" });
