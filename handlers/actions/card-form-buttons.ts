import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { View } from "@slack/types";
import { z } from "zod";
import { contractFormView, domainFormView, taskFormView } from "../../blocks/customers/card-forms.ts";
import type { CardMetadata } from "../../blocks/customers/customer-card.ts";
import { customerFormView } from "../../blocks/customers/customer-form.ts";
import type { Deps } from "../../bot/deps.ts";
import { buildCardView } from "../shared/customer-card.ts";
import { openViewFast } from "../shared/open-view.ts";

const value = z.uuid();

/**
 * A button of the customer card (value: the customer id) that pushes a form on top of the card.
 * The form carries the card's view id, so that saving it redraws the card underneath.
 */
function pushCardForm(
  title: string,
  build: (deps: Deps, meta: CardMetadata, userId: string) => View | Promise<View>,
) {
  return (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
    async ({ ack, body, action, client }) => {
      await ack();
      const b = body as BlockAction;
      const meta: CardMetadata = { c: value.parse((action as { value?: string }).value), v: b.view?.id };
      await openViewFast(client, {
        triggerId: b.trigger_id,
        push: b.view?.type === "modal",
        title,
        build: Promise.resolve(build(deps, meta, b.user.id)),
      });
    };
}

/** **Bearbeiten**: the customer form with the current data. */
export const editCustomerClick = pushCardForm("Kunde bearbeiten", async (deps, meta) => {
  const c = await deps.customers.findCustomerContact(meta.c);
  return c ? customerFormView({ initial: c, meta }) : buildCardView(deps, meta.c);
});

/** **Domain zuordnen**. */
export const assignDomainClick = pushCardForm("Domain zuordnen", (_deps, meta) => domainFormView(meta));

/** **Vertrag zuordnen**. */
export const assignContractClick = pushCardForm("Vertrag zuordnen", (_deps, meta) => contractFormView(meta));

/** **Aufgabe anlegen**: assigned to the person who creates it unless they pick someone else. */
export const createTaskClick = pushCardForm("Aufgabe anlegen", (_deps, meta, userId) =>
  taskFormView(meta, userId),
);
