import { recordAudit } from "../audit/audit-repository.ts";
import { createOutboundEntry } from "../conversation/conversation-repository.ts";
import { newMessageId } from "../conversation/message-id.ts";
import { enqueueRequestEvent, noEvents } from "../events/webhook-events.ts";
import { renderDeclineMail } from "../mail/decline-email.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import { enqueueRefreshMessage } from "../requests/refresh-message.ts";
import { currentState, type DecisionDeps, type DecisionResult } from "./assign-request.ts";
import { claimDecision, findRequestForDecision } from "./request-repository.ts";

export interface DeclineDeps extends DecisionDeps {
  /** `from`: MAIL_FROM, whose domain our Message-IDs carry. */
  mail: { template: string; agencyName: string | null; signature: string; from?: string };
}

/**
 * Einladung ablehnen: pending → declined (the first decision wins), and the standard e-mail with
 * the optional personal message queued in the same transaction, so neither happens without the other.
 * The dedupe key guarantees at most one decline e-mail per invitation.
 */
export async function declineInvitation(
  deps: DeclineDeps,
  input: { invitationId: string; actor: string; personalMessage?: string | null },
): Promise<DecisionResult> {
  if (!deps.invitationsEnabled) return { status: "not_available" };
  const personalMessage = input.personalMessage?.trim() || null;
  const at = deps.now();
  const won = await deps.db.$transaction(async (tx) => {
    const claimed = await claimDecision(tx, "invitation", input.invitationId, {
      status: "declined",
      decidedBy: input.actor,
      decidedAt: at,
      declineMessage: personalMessage,
    });
    if (!claimed) return false;
    const invitation = await findRequestForDecision(tx, "invitation", input.invitationId);
    if (!invitation) return false;
    const mail = renderDeclineMail(deps.mail.template, {
      name: invitation.name,
      agencyName: deps.mail.agencyName,
      signature: deps.mail.signature,
      personalMessage,
    });
    // The decline e-mail is part of the conversation: a reply to it comes back into the thread.
    const messageId = newMessageId(deps.mail.from);
    const entry = await createOutboundEntry(tx, {
      kind: "invitation",
      requestId: invitation.id,
      author: input.actor,
      address: invitation.email,
      name: invitation.name,
      subject: mail.subject,
      text: mail.text,
      messageId,
      at,
    });
    await enqueue(
      tx,
      jobs.sendMail,
      {
        to: { name: invitation.name, address: invitation.email },
        ...mail,
        invitationId: invitation.id,
        entryId: entry.id,
        messageId,
      },
      { lane: "mail", dedupeKey: `decline-mail:${invitation.id}` },
    );
    await recordAudit(tx, {
      actor: input.actor,
      action: "invitation.declined",
      entityType: "invitation",
      entityId: invitation.id,
      before: { status: "pending" },
      after: { status: "declined", personalMessage },
    });
    await enqueueRefreshMessage(tx, "invitation", invitation.id, invitation.slackChannel);
    await enqueueRequestEvent(tx, deps.events ?? noEvents, "request.decided", "invitation", invitation.id);
    return true;
  });
  if (!won) return currentState(deps, "invitation", input.invitationId);
  return { status: "decided", decision: { outcome: "declined", by: input.actor, at } };
}
