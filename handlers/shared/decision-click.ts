import type { Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { decisionModal, noticeModal } from "../../blocks/decision-modal.ts";
import { alreadyDecidedText } from "../../blocks/decision-notice.ts";
import { declineModal } from "../../blocks/decline-modal.ts";
import type { Deps } from "../../bot/deps.ts";
import { findCustomersByEmail } from "../../domain/customers/customer-repository.ts";
import { customerDraftFromRequest } from "../../domain/customers/draft-from-request.ts";
import { decisionOf } from "../../domain/decisions/decision.ts";
import { enqueueMessageRefresh } from "../../domain/decisions/decision-service.ts";
import { findRequestForDecision, type RequestKind } from "../../domain/decisions/request-repository.ts";
import { renderDeclineMail } from "../../domain/mail/decline-email.ts";
import { buttonClick, requestId } from "./decision-payloads.ts";

type Purpose = { kind: "inquiry"; modal: "decide" } | { kind: "invitation"; modal: "decide" | "decline" };

/**
 * A click on Kunde hinzufügen, Kunde verbinden or Einladung ablehnen: ack, look the request up
 * (two indexed reads, a few ms), and open the modal while the trigger_id is fresh. A request that
 * is decided already gets a notice instead, and its channel message is refreshed (which repairs an
 * update that failed earlier).
 */
export function openDecisionModal(purpose: Purpose) {
  return (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
    async ({ ack, body, client }) => {
      await ack();
      // Let the acks of clicks that arrived meanwhile go out before this click's reads and views.open.
      await new Promise((resolve) => setImmediate(resolve));
      const click = buttonClick.safeParse(body);
      const id = requestId.safeParse(click.data?.actions[0]?.value);
      if (!click.success || !id.success) {
        deps.log.warn(
          { issues: click.error?.issues ?? id.error?.issues },
          "decision button with an unusable payload",
        );
        return;
      }
      const open = (view: Parameters<typeof client.views.open>[0]["view"]) =>
        client.views.open({ trigger_id: click.data.trigger_id, view });
      const kind: RequestKind = purpose.kind;
      if (kind === "invitation" && !deps.config.invitationsEnabled) {
        await open(noticeModal("Nicht verfügbar", "Zugriffsfreigaben gibt es im ISV-Partnerprogramm nicht."));
        // A message posted before the switch to the ISV program still has the buttons: redraw it
        // without them (the refresh renders with invitations off).
        const stale = await findRequestForDecision(deps.prisma, kind, id.data);
        if (stale?.slackChannel && stale.slackTs) {
          await enqueueMessageRefresh(deps.prisma, kind, stale.id, stale.slackChannel);
          deps.outbox.wake();
        }
        return;
      }
      const request = await findRequestForDecision(deps.prisma, kind, id.data);
      if (!request) {
        await open(noticeModal("Nicht gefunden", "Diese Anfrage gibt es nicht (mehr)."));
        return;
      }
      const decision = decisionOf(request);
      if (decision) {
        await open(noticeModal("Bereits entschieden", alreadyDecidedText(kind, decision)));
        await enqueueMessageRefresh(deps.prisma, kind, request.id, request.slackChannel);
        deps.outbox.wake();
        return;
      }
      const privateMetadata = JSON.stringify({ kind, id: request.id });
      if (purpose.modal === "decline") {
        const mail = renderDeclineMail(deps.declineMail.template, {
          name: request.name,
          agencyName: deps.declineMail.agencyName,
          signature: deps.declineMail.signature,
        });
        await open(declineModal({ invitation: request, mail, privateMetadata }));
        return;
      }
      const [match] = await findCustomersByEmail(deps.prisma, request.email);
      await open(
        decisionModal({ request, draft: customerDraftFromRequest(request), match, privateMetadata }),
      );
    };
}
