import type { App, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { ActionId } from "../../blocks/ids.ts";
import type { Deps } from "../../bot/deps.ts";
import { everyIdExcept } from "../unhandled.ts";
import { addCustomer } from "./add-customer.ts";
import { assignContract, assignDomain, createTask, editCustomer } from "./card-form-buttons.ts";
import { connectCustomer } from "./connect-customer.ts";
import { createCustomer } from "./create-customer.ts";
import { declineInvitation } from "./decline-invitation.ts";
import { homeSearch } from "./home-search.ts";
import { openCustomer } from "./open-customer.ts";
import { openNoteClick } from "./open-note.ts";
import { turnPage } from "./page.ts";
import { showFullMessage } from "./show-full-message.ts";
import { releaseRequestClick, takeRequestClick } from "./take-request.ts";
import { toggleTask } from "./toggle-task.ts";

type ActionListener = (deps: Deps) => Middleware<SlackActionMiddlewareArgs>;

/** action_id → listener. One file per listener in this folder. */
export const actionListeners: Record<string, ActionListener> = {
  [ActionId.addCustomer]: addCustomer,
  [ActionId.connectCustomer]: connectCustomer,
  [ActionId.declineInvitation]: declineInvitation,
  [ActionId.openCustomer]: openCustomer,
  [ActionId.createCustomer]: createCustomer,
  [ActionId.editCustomer]: editCustomer,
  [ActionId.assignDomain]: assignDomain,
  [ActionId.assignContract]: assignContract,
  [ActionId.createTask]: createTask,
  [ActionId.toggleTask]: toggleTask,
  [ActionId.pagePrev]: turnPage,
  [ActionId.pageNext]: turnPage,
  [ActionId.homeSearch]: homeSearch,
  [ActionId.showFullMessage]: showFullMessage,
  [ActionId.takeRequest]: takeRequestClick,
  [ActionId.releaseRequest]: releaseRequestClick,
  [ActionId.addNote]: openNoteClick,
};

export function registerActions(app: App, deps: Deps): void {
  for (const [id, listener] of Object.entries(actionListeners)) app.action(id, listener(deps));
  // Buttons we do not handle (links, old messages) are acknowledged so that Slack shows no error.
  app.action({ action_id: everyIdExcept(Object.keys(actionListeners)) }, async ({ ack }) => {
    await ack();
  });
}
