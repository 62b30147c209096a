import { customerLabel } from "../customers/customer-label.ts";
import type { RequestForDecision } from "./request-repository.ts";

export type DecisionOutcome = "assigned" | "connected" | "declined";

/** What was decided about a request, by whom, when, and for which customer. */
export interface Decision {
  outcome: DecisionOutcome;
  by: string;
  at: Date;
  customer?: { id: string; label: string; isNew: boolean };
}

/** The decision recorded on a request, or undefined while it is undecided. */
export function decisionOf(r: RequestForDecision): Decision | undefined {
  if (r.status === "open" || r.status === "pending" || !r.decidedBy || !r.decidedAt) return undefined;
  return {
    outcome: r.status,
    by: r.decidedBy,
    at: r.decidedAt,
    customer: r.customer
      ? { id: r.customer.id, label: customerLabel(r.customer), isNew: r.newCustomer === true }
      : undefined,
  };
}
