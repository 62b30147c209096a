import type { App, Middleware, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import { ActionId } from "../../blocks/ids.ts";
import type { Deps } from "../deps.ts";
import { existingCustomerOptions } from "./existing-customer.ts";

type OptionsListener = (deps: Deps) => Middleware<SlackOptionsMiddlewareArgs<"block_suggestion">>;

/** action_id → block_suggestion listener (external selects). One file per listener in this folder. */
export const optionListeners: Record<string, OptionsListener> = {
  [ActionId.existingCustomer]: existingCustomerOptions,
};

export function registerOptions(app: App, deps: Deps): void {
  for (const [id, listener] of Object.entries(optionListeners))
    app.options<"block_suggestion">({ action_id: id, type: "block_suggestion" }, listener(deps));
}
