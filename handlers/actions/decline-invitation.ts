import { declineModal } from "../../blocks/decline-modal.ts";
import { decisionClick } from "../shared/decision-click.ts";
import { requestMetadataJson } from "../shared/decision-payloads.ts";

/** Einladung ablehnen: the modal with the standard e-mail and a field for a personal message. */
export const declineInvitationClick = decisionClick(
  "invitation",
  (deps, id) => deps.decisions.openDecline(id),
  ({ request, mail }) =>
    declineModal({
      invitation: request,
      mail,
      privateMetadata: requestMetadataJson("invitation", request.id),
    }),
);
