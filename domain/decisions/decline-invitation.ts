import { recordAudit } from "../audit/audit-repository.ts";
import { enqueueRequestEvent, noEvents } from "../events/webhook-events.ts";
import { renderDeclineMail } from "../mail/decline-email.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import {
  currentState,
  type DecisionDeps,
  type DecisionResult,
  enqueueMessageRefresh,
} from "./assign-request.ts";
import { claimDecision, findRequestForDecision } from "./request-repository.ts";

export interface DeclineDeps extends DecisionDeps {
  mail: { template: string; agencyName: string | null; signature: string };
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
  const won = await deps.prisma.$transaction(async (tx) => {
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
    await enqueue(
      tx,
      jobs.sendMail,
      { to: { name: invitation.name, address: invitation.email }, ...mail, invitationId: invitation.id },
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
    await enqueueMessageRefresh(tx, "invitation", invitation.id, invitation.slackChannel);
    await enqueueRequestEvent(tx, deps.events ?? noEvents, "request.decided", "invitation", invitation.id);
    return true;
  });
  if (!won) return currentState(deps, "invitation", input.invitationId);
  return { status: "decided", decision: { outcome: "declined", by: input.actor, at } };
}
