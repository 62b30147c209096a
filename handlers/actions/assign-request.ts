import type { RequestKind } from "../../domain/decisions/request-repository.ts";
import { openDecisionModal } from "../shared/decision-click.ts";

/** Kunde hinzufügen (inquiry) and Kunde verbinden (invitation): opens the modal that assigns the request. */
export const assignRequestClick = (kind: RequestKind) =>
  kind === "inquiry"
    ? openDecisionModal({ kind: "inquiry", modal: "decide" })
    : openDecisionModal({ kind: "invitation", modal: "decide" });
