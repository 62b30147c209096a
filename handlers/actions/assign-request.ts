import { assignRequestModal } from "../../blocks/assign-request-modal.ts";
import type { RequestKind } from "../../domain/requests/request-kind.ts";

import { decisionClick } from "../shared/decision-click.ts";
import { requestMetadataJson } from "../shared/decision-payloads.ts";

/** Kunde hinzufügen (inquiry) and Kunde verbinden (invitation): the modal that assigns the request to a customer. */
export const assignRequestClick = (kind: RequestKind) =>
  decisionClick(
    kind,
    (deps, id) => deps.decisions.openAssignRequest(kind, id),
    ({ request, draft, match }) =>
      assignRequestModal({ request, draft, match, privateMetadata: requestMetadataJson(kind, request.id) }),
  );
