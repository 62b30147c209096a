import { openDecisionModal } from "../shared/decision-click.ts";

/** Einladung ablehnen on an access invitation. */
export const declineInvitationClick = openDecisionModal({ kind: "invitation", modal: "decline" });
