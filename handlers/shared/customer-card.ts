import type { ModalView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { z } from "zod";
import { customerCardView, notFoundView } from "../../blocks/customers/customer-card.ts";
import type { Deps } from "../deps.ts";

/** The customer card of `customerId` as a modal (or a "not found" modal). */
export async function buildCardView(deps: Deps, customerId: string): Promise<ModalView> {
  const card = await deps.customers.loadCustomerCard(customerId);
  return card
    ? customerCardView(card, { invitationsEnabled: deps.config.invitationsEnabled })
    : notFoundView();
}

/** Redraws an open customer card (after a change made in a form pushed on top of it, or a task click). */
export async function refreshCard(
  deps: Deps,
  client: WebClient,
  viewId: string | undefined,
  customerId: string,
): Promise<void> {
  if (!viewId) return;
  await client.views.update({ view_id: viewId, view: await buildCardView(deps, customerId) });
}

/** Zod issues as `response_action: errors`: the first message per input block. */
export function fieldErrors(
  error: z.ZodError,
  blockFor: (path: PropertyKey | undefined) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const block = blockFor(issue.path[0]);
    errors[block] ??= issue.message;
  }
  return errors;
}
