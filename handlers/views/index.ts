import type { App, Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import { CallbackId } from "../../blocks/ids.ts";
import type { Deps } from "../../bot/deps.ts";
import { everyIdExcept } from "../unhandled.ts";
import { saveContract, saveDomain, saveTask } from "./card-forms.ts";
import { saveCustomer } from "./customer-form.ts";
import { searchFromModal } from "./customer-search.ts";
import { decideRequest } from "./decide-request.ts";
import { declineInvitation } from "./decline-invitation.ts";
import { noteSubmission } from "./note-submission.ts";
import { recordInquirySubmission } from "./record-inquiry.ts";

type ViewListener = (deps: Deps) => Middleware<SlackViewMiddlewareArgs>;

/** callback_id → listener for view submissions. One file per listener in this folder. */
export const viewListeners: Record<string, ViewListener> = {
  [CallbackId.decideRequest]: decideRequest,
  [CallbackId.declineInvitation]: declineInvitation,
  [CallbackId.customerForm]: saveCustomer,
  [CallbackId.domainForm]: saveDomain,
  [CallbackId.contractForm]: saveContract,
  [CallbackId.taskForm]: saveTask,
  [CallbackId.customerSearch]: searchFromModal,
  [CallbackId.recordInquiry]: recordInquirySubmission,
  [CallbackId.requestNote]: noteSubmission,
};

export function registerViews(app: App, deps: Deps): void {
  for (const [id, listener] of Object.entries(viewListeners)) app.view(id, listener(deps));
  app.view(
    { callback_id: everyIdExcept(Object.keys(viewListeners)), type: "view_submission" },
    async ({ ack }) => {
      await ack();
    },
  );
  app.view({ callback_id: /.*/, type: "view_closed" }, async ({ ack }) => {
    await ack();
  });
}
