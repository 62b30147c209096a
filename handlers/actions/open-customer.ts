import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { buildCardView } from "../shared/customer-card.ts";
import { openViewFast } from "../shared/open-view.ts";

const value = z.uuid();

/**
 * Opens the customer card (value: the customer id) from search results, the App Home and decided
 * channel messages. From inside a modal (the search modal) the card is pushed on top of it.
 */
export const openCustomerClick =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, action, client }) => {
    await ack();
    const b = body as BlockAction;
    const customerId = value.parse((action as { value?: string }).value);
    await openViewFast(client, {
      triggerId: b.trigger_id,
      push: b.view?.type === "modal",
      title: "Kundenkarte",
      build: buildCardView(deps, customerId),
    });
  };
