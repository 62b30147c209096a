import type { App, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { ActionId, ActionIdAlias } from "../../blocks/ids.ts";
import type { Deps } from "../deps.ts";
import { dispatchById, withAliases } from "../dispatch.ts";
import { addNoteClick } from "./add-note.ts";
import { answerRequestClick } from "./answer-request.ts";
import { answerTemplateSelect } from "./answer-template.ts";
import { assignContractClick } from "./assign-contract.ts";
import { assignDomainClick } from "./assign-domain.ts";
import { assignMemberClick } from "./assign-member.ts";
import { assignRequestClick } from "./assign-request.ts";
import { changePhaseSelect } from "./change-phase.ts";
import { createCustomerClick } from "./create-customer.ts";
import { createTaskClick } from "./create-task.ts";
import { declineInvitationClick } from "./decline-invitation.ts";
import { editCustomerClick } from "./edit-customer.ts";
import { deleteFollowUpClick, followUpClick } from "./follow-up.ts";
import { homeSearchClick } from "./home-search.ts";
import { deleteTemplateClick, editTemplateClick, newTemplateClick } from "./manage-templates.ts";
import { openCustomerClick } from "./open-customer.ts";
import { turnPageClick } from "./page.ts";
import { showFullMessageClick } from "./show-full-message.ts";
import { releaseRequestClick, takeRequestClick } from "./take-request.ts";
import { toggleTaskClick } from "./toggle-task.ts";

type ActionListener = (deps: Deps) => Middleware<SlackActionMiddlewareArgs>;

/** action_id → listener. One file per listener in this folder. */
export const actionListeners: Record<string, ActionListener> = {
  [ActionId.assignRequestInquiry]: assignRequestClick("inquiry"),
  [ActionId.assignRequestInvitation]: assignRequestClick("invitation"),
  [ActionId.declineInvitation]: declineInvitationClick,
  [ActionId.openCustomer]: openCustomerClick,
  [ActionId.createCustomer]: createCustomerClick,
  [ActionId.editCustomer]: editCustomerClick,
  [ActionId.assignDomain]: assignDomainClick,
  [ActionId.assignContract]: assignContractClick,
  [ActionId.createTask]: createTaskClick,
  [ActionId.toggleTask]: toggleTaskClick,
  [ActionId.pagePrev]: turnPageClick,
  [ActionId.pageNext]: turnPageClick,
  [ActionId.homeSearch]: homeSearchClick,
  [ActionId.showFullMessage]: showFullMessageClick,
  [ActionId.takeRequest]: takeRequestClick,
  [ActionId.releaseRequest]: releaseRequestClick,
  [ActionId.addNote]: addNoteClick,
  [ActionId.answerRequest]: answerRequestClick,
  [ActionId.changePhase]: changePhaseSelect,
  [ActionId.assignMember]: assignMemberClick,
  [ActionId.followUp]: followUpClick,
  [ActionId.deleteFollowUp]: deleteFollowUpClick,
  [ActionId.answerTemplate]: answerTemplateSelect,
  [ActionId.newTemplate]: newTemplateClick,
  [ActionId.editTemplate]: editTemplateClick,
  [ActionId.deleteTemplate]: deleteTemplateClick,
};

export function registerActions(app: App, deps: Deps): void {
  const bound = Object.fromEntries(
    Object.entries(withAliases(actionListeners, ActionIdAlias)).map(
      ([id, listener]) => [id, listener(deps)] as const,
    ),
  ) as Record<string, (args: ActionArgs) => Promise<void>>;
  app.action(
    /^/,
    dispatchById<ActionArgs>(
      bound,
      ({ action }) => ("action_id" in action ? action.action_id : undefined),
      async ({ ack }) => {
        await ack();
      },
      deps.yieldToAcks,
    ),
  );
}

type ActionArgs = Parameters<Middleware<SlackActionMiddlewareArgs>>[0];
