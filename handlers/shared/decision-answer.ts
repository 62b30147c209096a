import type { AckFn, ViewResponseAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { alreadyDecidedText, decisionLine } from "../../blocks/decision-notice.ts";
import { EXISTING_CUSTOMER_BLOCK } from "../../blocks/ids.ts";
import type { DecisionResult } from "../../domain/decisions/assign-request.ts";
import type { RequestKind } from "../../domain/requests/request-kind.ts";

import { type WithinAckBudget, withinAckBudget } from "./ack-budget.ts";

/**
 * How long a modal submission may take to decide before it is acknowledged anyway. Slack gives
 * 3 s; Bolt answers 404 after that, and the user sees an error even though the decision is made.
 */
export const ACK_BUDGET_MS = 2_000;

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

/** The same answer as a view, for a modal that was already acknowledged (errors become a notice). */
function answerView(kind: RequestKind, result: DecisionResult) {
  if (result.status === "decided") return noticeModal("Gespeichert", decisionLine(result.decision));
  const answer = failedDecisionAnswer(kind, result);
  return answer.response_action === "update"
    ? answer.view
    : noticeModal(
        "Nicht gespeichert",
        "Diesen Kunden gibt es nicht mehr. Bitte erneut öffnen und neu wählen.",
      );
}

/**
 * Answers a decision modal's submission: in the ack when the decision is made within the budget
 * (close, or show why not); otherwise the ack shows "Wird gespeichert …" and the modal is updated
 * with the outcome once it is known. Either way Slack gets its answer in time.
 */
export async function answerDecision(input: {
  ack: AckFn<void> | AckFn<ViewResponseAction>;
  client: WebClient;
  viewId: string;
  kind: RequestKind;
  decide: Promise<DecisionResult>;
}): Promise<DecisionResult> {
  const { kind } = input;
  // Bolt types a view's ack as a union of two signatures; both take an optional answer.
  const ack = input.ack as (answer?: ViewResponseAction) => Promise<void>;
  let first: WithinAckBudget<DecisionResult>;
  try {
    first = await withinAckBudget(input.decide, ACK_BUDGET_MS);
  } catch (err) {
    await ack({
      response_action: "update",
      view: noticeModal(
        "Fehler",
        "Das hat nicht geklappt. Es wurde nichts gespeichert; bitte erneut versuchen.",
      ),
    });
    throw err;
  }
  if (first.status === "in_time") {
    const result = first.value;
    await ack(result.status === "decided" ? undefined : failedDecisionAnswer(kind, result));
    return result;
  }
  await ack({ response_action: "update", view: noticeModal("Wird gespeichert", "Einen Moment bitte …") });
  const result = await input.decide;
  await input.client.views.update({ view_id: input.viewId, view: answerView(kind, result) });
  return result;
}
