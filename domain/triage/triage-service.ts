import { recordAudit } from "../audit/audit-repository.ts";
import type { PrismaClient } from "../db.ts";
import { type Decision, decisionOf } from "../decisions/decision.ts";
import { findRequestForDecision } from "../decisions/request-repository.ts";
import { type Events, enqueueRequestEvent, noEvents } from "../events/webhook-events.ts";
import { LostTheRace } from "../lost-the-race.ts";
import { enqueueRefreshMessage } from "../requests/refresh-message.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import { assignMember } from "./assign-member.ts";
import { addNote } from "./note-service.ts";
import { claimRelease, claimTake, type Holder, holderOf } from "./triage-repository.ts";

export interface TriageDeps {
  db: PrismaClient;
  now: () => Date;
  /** request.taken for WEBHOOK_URL. */
  events?: Events;
}

export interface TriageInput {
  kind: RequestKind;
  requestId: string;
  actor: string;
}

export type TakeResult =
  | { status: "taken"; holder: Holder }
  /** The actor holds it already (a second click, or a stale message). */
  | { status: "already_yours"; holder: Holder }
  | { status: "taken_by_other"; holder: Holder }
  | { status: "already_decided"; decision: Decision }
  | { status: "not_found" };

export type ReleaseResult =
  | { status: "released" }
  | { status: "taken_by_other"; holder: Holder }
  /** Nobody holds it (released already). */
  | { status: "not_taken" }
  | { status: "already_decided"; decision: Decision }
  | { status: "not_found" };

/**
 * Übernehmen: the actor takes the request while it is undecided and nobody has it. One
 * conditional update decides who was first (across instances); the audit entry and the refresh of
 * the channel message are written in the same transaction.
 */
export async function takeRequest(deps: TriageDeps, input: TriageInput): Promise<TakeResult> {
  const { kind, requestId, actor } = input;
  const at = deps.now();
  try {
    return await deps.db.$transaction(async (tx) => {
      if (!(await claimTake(tx, kind, requestId, actor, at))) throw new LostTheRace();
      const request = await findRequestForDecision(tx, kind, requestId);
      await recordAudit(tx, {
        actor,
        action: `${kind}.taken`,
        entityType: kind,
        entityId: requestId,
        before: { takenBy: null },
        after: { takenBy: actor },
      });
      await enqueueRefreshMessage(tx, kind, requestId, request?.slackChannel ?? null);
      await enqueueRequestEvent(tx, deps.events ?? noEvents, "request.taken", kind, requestId);
      return { status: "taken", holder: { by: actor, at } } as const;
    });
  } catch (err) {
    if (!(err instanceof LostTheRace)) throw err;
  }
  const state = await stateOf(deps, kind, requestId);
  if (state.status !== "undecided") return state;
  // The update lost although the request is undecided: someone holds it (a release in between is
  // answered as "taken by" the one who held it a moment ago; the next click takes it).
  if (!state.holder) return takeRequest(deps, input);
  return state.holder.by === actor
    ? { status: "already_yours", holder: state.holder }
    : { status: "taken_by_other", holder: state.holder };
}

/** Abgeben: only the holder releases the request; anyone else is told who has it. */
export async function releaseRequest(deps: TriageDeps, input: TriageInput): Promise<ReleaseResult> {
  const { kind, requestId, actor } = input;
  try {
    return await deps.db.$transaction(async (tx) => {
      if (!(await claimRelease(tx, kind, requestId, actor))) throw new LostTheRace();
      const request = await findRequestForDecision(tx, kind, requestId);
      await recordAudit(tx, {
        actor,
        action: `${kind}.released`,
        entityType: kind,
        entityId: requestId,
        before: { takenBy: actor },
        after: { takenBy: null },
      });
      await enqueueRefreshMessage(tx, kind, requestId, request?.slackChannel ?? null);
      return { status: "released" } as const;
    });
  } catch (err) {
    if (!(err instanceof LostTheRace)) throw err;
  }
  const state = await stateOf(deps, kind, requestId);
  if (state.status !== "undecided") return state;
  return state.holder ? { status: "taken_by_other", holder: state.holder } : { status: "not_taken" };
}

type State =
  | { status: "undecided"; holder: Holder | undefined }
  | { status: "already_decided"; decision: Decision }
  | { status: "not_found" };

async function stateOf(deps: TriageDeps, kind: RequestKind, id: string): Promise<State> {
  const request = await findRequestForDecision(deps.db, kind, id);
  // Erased (a stale message or list): there is nothing left to take or release.
  if (!request || request.erasedAt) return { status: "not_found" };
  const decision = decisionOf(request);
  if (decision) return { status: "already_decided", decision };
  return { status: "undecided", holder: holderOf(request) };
}

/** Redraws a request's channel message from the database (e.g. after a click on a stale one). */
export async function refreshRequestMessage(deps: TriageDeps, kind: RequestKind, id: string): Promise<void> {
  const request = await findRequestForDecision(deps.db, kind, id);
  if (request?.slackChannel) await enqueueRefreshMessage(deps.db, kind, id, request.slackChannel);
}

/**
 * Triage as listeners get it (`Deps.triage`): Übernehmen, Abgeben, Notiz, and the repair of a stale
 * message. Every path that enqueues a job wakes the outbox itself.
 */
export function createTriageService(deps: TriageDeps & { notify: () => void }) {
  const notifying =
    <A extends unknown[], R extends { status: string }>(run: (...args: A) => Promise<R>, when: string[]) =>
    async (...args: A): Promise<R> => {
      const result = await run(...args);
      if (when.includes(result.status)) deps.notify();
      return result;
    };
  return {
    takeRequest: notifying((input: TriageInput) => takeRequest(deps, input), ["taken"]),
    releaseRequest: notifying((input: TriageInput) => releaseRequest(deps, input), ["released"]),
    addNote: notifying(
      (input: { kind: RequestKind; requestId: string; author: string; text: string }) => addNote(deps, input),
      ["added"],
    ),
    assign: notifying(
      (input: { kind: RequestKind; requestId: string; actor: string; member: string }) =>
        assignMember(deps, input),
      ["assigned"],
    ),
    async refreshMessage(kind: RequestKind, id: string) {
      await refreshRequestMessage(deps, kind, id);
      deps.notify();
    },
  };
}

export type TriageService = ReturnType<typeof createTriageService>;
