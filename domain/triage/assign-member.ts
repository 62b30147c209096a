import { recordAudit } from "../audit/audit-repository.ts";
import { type Decision, decisionOf } from "../decisions/decision.ts";
import { findRequestForDecision } from "../decisions/request-repository.ts";
import { enqueueRequestEvent, noEvents } from "../events/webhook-events.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import { slackLane } from "../outbox/outbox-repository.ts";
import { enqueueRefreshMessage } from "../requests/refresh-message.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import { claimAssign, type Holder } from "./triage-repository.ts";
import type { TriageDeps } from "./triage-service.ts";

export type AssignResult =
  | { status: "assigned"; holder: Holder; before: string | null }
  /** The member holds it already: nothing changed, no message. */
  | { status: "already_held"; holder: Holder }
  | { status: "already_decided"; decision: Decision }
  | { status: "not_found" };

/**
 * Zuweisen: the request is then held by `member` ("in Bearbeitung"), as if they had clicked
 * Übernehmen, also when someone else held it. One conditional update from the holder just read (a
 * change in between reads again); audited as `<kind>.assigned_to_member` by the actor with the holder
 * before and after; the message refresh, `request.taken` and the member's direct message (outbox)
 * in the same transaction. The caller has checked that `member` is on the team.
 */
export async function assignMember(
  deps: TriageDeps,
  input: { kind: RequestKind; requestId: string; actor: string; member: string },
): Promise<AssignResult> {
  const { kind, requestId: id, actor, member } = input;
  for (let attempt = 0; attempt < 3; attempt++) {
    const at = deps.now();
    const result = await deps.db.$transaction(async (tx): Promise<AssignResult | undefined> => {
      const request = await findRequestForDecision(tx, kind, id);
      // Erased meanwhile (a modal opened before): there is nothing left to work on.
      if (!request || request.erasedAt) return { status: "not_found" };
      const decision = decisionOf(request);
      if (decision) return { status: "already_decided", decision };
      if (request.takenBy === member && request.takenAt) {
        return { status: "already_held", holder: { by: member, at: request.takenAt } };
      }
      if (!(await claimAssign(tx, kind, id, request.takenBy, member, at))) return undefined;
      await recordAudit(tx, {
        actor,
        action: `${kind}.assigned_to_member`,
        entityType: kind,
        entityId: id,
        before: { takenBy: request.takenBy },
        after: { takenBy: member },
      });
      await enqueueRefreshMessage(tx, kind, id, request.slackChannel);
      await enqueueRequestEvent(tx, deps.events ?? noEvents, "request.taken", kind, id);
      await enqueue(
        tx,
        jobs.assignedNotice,
        { kind, id, user: member, by: actor },
        { lane: slackLane(request.slackChannel ?? "unposted") },
      );
      return { status: "assigned", holder: { by: member, at }, before: request.takenBy };
    });
    if (result) return result;
  }
  throw new Error("Zuweisen: the holder kept changing");
}
