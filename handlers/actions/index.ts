import type { App, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { ActionId } from "../../blocks/ids.ts";
import type { Deps } from "../../bot/deps.ts";
import { everyIdExcept } from "../unhandled.ts";
import { showFullMessage } from "./show-full-message.ts";

type ActionListener = (deps: Deps) => Middleware<SlackActionMiddlewareArgs>;

/** action_id → listener. One file per listener in this folder. */
export const actionListeners: Record<string, ActionListener> = {
  [ActionId.showFullMessage]: showFullMessage,
};

export function registerActions(app: App, deps: Deps): void {
  for (const [id, listener] of Object.entries(actionListeners)) app.action(id, listener(deps));
  // Buttons we do not handle (links, old messages) are acknowledged so that Slack shows no error.
  app.action({ action_id: everyIdExcept(Object.keys(actionListeners)) }, async ({ ack }) => {
    await ack();
  });
}
