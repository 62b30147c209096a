import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { customerFormView } from "../../blocks/customers/customer-form.ts";
import type { Deps } from "../deps.ts";

/** **Kunden-Eintrag hinzufügen** (search without match, help, App Home): the empty customer form. */
export const createCustomerClick =
  (_deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, client }) => {
    await ack();
    const b = body as BlockAction;
    const view = customerFormView({});
    if (b.view?.type === "modal") await client.views.push({ trigger_id: b.trigger_id, view });
    else await client.views.open({ trigger_id: b.trigger_id, view });
  };
