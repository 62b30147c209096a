import { recordAudit } from "../audit/audit-repository.ts";
import type { CustomerData } from "../customers/customer.schema.ts";
import { customerLabel } from "../customers/customer-label.ts";
import { findCustomerById, insertCustomer } from "../customers/customer-repository.ts";
import type { PrismaClient } from "../db.ts";
import {
  type Events,
  enqueueCustomerEvent,
  enqueueRequestEvent,
  noEvents,
} from "../events/webhook-events.ts";
import { LostTheRace } from "../lost-the-race.ts";
import { enqueueRefreshMessage } from "../requests/refresh-message.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import { type Decision, decisionOf } from "./decision.ts";
import { claimDecision, findRequestForDecision } from "./request-repository.ts";

export interface DecisionDeps {
  db: PrismaClient;
  now: () => Date;
  invitationsEnabled: boolean;
  /** request.decided (and customer.created) for WEBHOOK_URL. */
  events?: Events;
}

/** A new customer from the fields, or an existing one. */
export type CustomerChoice = { existingCustomerId: string } | { newCustomer: CustomerData };

export type DecisionResult =
  | { status: "decided"; decision: Decision }
  | { status: "already_decided"; decision: Decision }
  | { status: "not_found" }
  | { status: "customer_not_found" }
  /** Invitations do not exist in the ISV partner program. */
  | { status: "not_available" };

/**
 * Kunde hinzufügen (inquiry → assigned) and Kunde verbinden (invitation → connected): creates the
 * customer or takes an existing one, and assigns the request to it, permanently. One transaction;
 * the conditional update (open/pending → decided) makes the first decision win across instances,
 * and the database's trigger refuses any later re-assignment.
 */
export async function assignRequest(
  deps: DecisionDeps,
  input: { kind: RequestKind; requestId: string; actor: string; customer: CustomerChoice },
): Promise<DecisionResult> {
  const { kind, requestId, actor } = input;
  if (kind === "invitation" && !deps.invitationsEnabled) return { status: "not_available" };
  const outcome = kind === "inquiry" ? "assigned" : "connected";
  try {
    return await deps.db.$transaction(async (tx) => {
      let customer: { id: string; label: string; isNew: boolean };
      if ("existingCustomerId" in input.customer) {
        const existing = await findCustomerById(tx, input.customer.existingCustomerId);
        if (!existing) return { status: "customer_not_found" } as const;
        customer = { id: existing.id, label: customerLabel(existing), isNew: false };
      } else {
        const created = await insertCustomer(tx, input.customer.newCustomer, actor);
        customer = { id: created.id, label: customerLabel(created), isNew: true };
        await recordAudit(tx, {
          actor,
          action: "customer.created",
          entityType: "customer",
          entityId: created.id,
          customerId: created.id,
          after: { ...input.customer.newCustomer, fromRequest: { kind, id: requestId } },
        });
      }
      const at = deps.now();
      const won = await claimDecision(tx, kind, requestId, {
        status: outcome,
        customerId: customer.id,
        newCustomer: customer.isNew,
        decidedBy: actor,
        decidedAt: at,
      });
      // Rolls the transaction back, and with it a customer created for nothing.
      if (!won) throw new LostTheRace();
      const request = await findRequestForDecision(tx, kind, requestId);
      await recordAudit(tx, {
        actor,
        action: `${kind}.${outcome}`,
        entityType: kind,
        entityId: requestId,
        customerId: customer.id,
        before: { status: kind === "inquiry" ? "open" : "pending", customerId: null },
        after: { status: outcome, customerId: customer.id, newCustomer: customer.isNew },
      });
      await enqueueRefreshMessage(tx, kind, requestId, request?.slackChannel ?? null);
      const events = deps.events ?? noEvents;
      if (customer.isNew) await enqueueCustomerEvent(tx, events, "customer.created", customer.id);
      await enqueueRequestEvent(tx, events, "request.decided", kind, requestId);
      return { status: "decided", decision: { outcome, by: actor, at, customer } } as const;
    });
  } catch (err) {
    if (err instanceof LostTheRace) return currentState(deps, kind, requestId);
    throw err;
  }
}

/** Why a decision could not be made: decided before (by whom), or no such request. */
export async function currentState(
  deps: DecisionDeps,
  kind: RequestKind,
  id: string,
): Promise<DecisionResult> {
  const request = await findRequestForDecision(deps.db, kind, id);
  const decision = request && decisionOf(request);
  if (!decision) return { status: "not_found" };
  return { status: "already_decided", decision };
}
