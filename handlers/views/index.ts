import type { App, Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import { CallbackId, CallbackIdAlias } from "../../blocks/ids.ts";
import type { Deps } from "../deps.ts";
import { dispatchById, withAliases } from "../dispatch.ts";
import { addNoteSubmission } from "./add-note.ts";
import { answerRequestSubmission } from "./answer-request.ts";
import { assignContractSubmission } from "./assign-contract.ts";
import { assignDomainSubmission } from "./assign-domain.ts";
import { assignMemberSubmission } from "./assign-member.ts";
import { assignRequestSubmission } from "./assign-request.ts";
import { createTaskSubmission } from "./create-task.ts";
import { customerFormSubmission } from "./customer-form.ts";
import { customerSearchSubmission } from "./customer-search.ts";
import { declineInvitationSubmission } from "./decline-invitation.ts";
import { erasePersonSubmission } from "./erase-person.ts";
import { followUpSubmission } from "./follow-up.ts";
import { recordInquirySubmission } from "./record-inquiry.ts";
import { templateFormSubmission } from "./template-form.ts";

type ViewListener = (deps: Deps) => Middleware<SlackViewMiddlewareArgs>;

/** callback_id → listener for view submissions. One file per listener in this folder. */
export const viewListeners: Record<string, ViewListener> = {
  [CallbackId.assignRequest]: assignRequestSubmission,
  [CallbackId.declineInvitation]: declineInvitationSubmission,
  [CallbackId.customerForm]: customerFormSubmission,
  [CallbackId.assignDomain]: assignDomainSubmission,
  [CallbackId.assignContract]: assignContractSubmission,
  [CallbackId.createTask]: createTaskSubmission,
  [CallbackId.customerSearch]: customerSearchSubmission,
  [CallbackId.recordInquiry]: recordInquirySubmission,
  [CallbackId.addNote]: addNoteSubmission,
  [CallbackId.assignMember]: assignMemberSubmission,
  [CallbackId.followUp]: followUpSubmission,
  [CallbackId.erasePerson]: erasePersonSubmission,
  [CallbackId.answerRequest]: answerRequestSubmission,
  [CallbackId.templateForm]: templateFormSubmission,
};

export function registerViews(app: App, deps: Deps): void {
  const bound = Object.fromEntries(
    Object.entries(withAliases(viewListeners, CallbackIdAlias)).map(
      ([id, listener]) => [id, listener(deps)] as const,
    ),
  ) as Record<string, (args: ViewArgs) => Promise<void>>;
  const ackOnly = async ({ ack }: ViewArgs) => {
    await ack();
  };
  app.view(
    { callback_id: /^/, type: "view_submission" },
    dispatchById<ViewArgs>(bound, ({ view }) => view.callback_id, ackOnly, deps.yieldToAcks),
  );
  app.view({ callback_id: /^/, type: "view_closed" }, ackOnly);
}

type ViewArgs = Parameters<Middleware<SlackViewMiddlewareArgs>>[0];
