import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { toggleTaskValue } from "../../blocks/customers/customer-card.ts";
import type { Deps } from "../deps.ts";
import { refreshCard } from "../shared/customer-card.ts";

/** **Erledigt** / **Wieder öffnen** on a task of the customer card; the card is redrawn. */
export const toggleTaskClick =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, action, client }) => {
    await ack();
    const b = body as BlockAction;
    const { t, d } = toggleTaskValue.parse(JSON.parse((action as { value?: string }).value ?? "{}"));
    const result = await deps.customers.setTaskDone(t, d, b.user.id, deps.now());
    if (result.status === "not_found") return;
    await refreshCard(deps, client, b.view?.id, result.customerId);
  };
