import { openDecisionModal } from "../decisions/open-decision-modal.ts";

/** Einladung ablehnen on an access invitation. */
export const declineInvitation = openDecisionModal({ kind: "invitation", modal: "decline" });
