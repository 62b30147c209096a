import type { ViewResponseAction } from "@slack/bolt";
import { EXISTING_CUSTOMER_BLOCK, noticeModal } from "../../blocks/decision-modal.ts";
import { alreadyDecidedText } from "../../blocks/decision-notice.ts";
import type { DecisionResult } from "../../domain/decisions/decision-service.ts";
import type { RequestKind } from "../../domain/decisions/request-repository.ts";

/** How a decision modal answers a result that is not a success: the modal turns into a notice. */
export function failedDecisionAnswer(
  kind: RequestKind,
  result: Exclude<DecisionResult, { status: "decided" }>,
): ViewResponseAction {
  const notice = (title: string, text: string): ViewResponseAction => ({
    response_action: "update",
    view: noticeModal(title, text),
  });
  switch (result.status) {
    case "already_decided":
      return notice("Bereits entschieden", alreadyDecidedText(kind, result.decision));
    case "not_available":
      return notice("Nicht verfügbar", "Zugriffsfreigaben gibt es im ISV-Partnerprogramm nicht.");
    case "customer_not_found":
      return {
        response_action: "errors",
        errors: { [EXISTING_CUSTOMER_BLOCK]: "Diesen Kunden gibt es nicht mehr." },
      };
    default:
      return notice("Nicht gefunden", "Diese Anfrage gibt es nicht (mehr).");
  }
}
