import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { searchModal } from "../../blocks/customers/search-results.ts";
import type { Deps } from "../deps.ts";

/** **Kunden suchen** on the App Home: the search modal. */
export const homeSearchClick =
  (_deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: (body as BlockAction).trigger_id, view: searchModal() });
  };
