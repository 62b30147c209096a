import { recordAudit } from "../audit/audit-repository.ts";
import type { AnswerSentHook } from "../conversation/answer-events.ts";
import type { Db, PrismaClient } from "../db.ts";
import { type Events, enqueueRequestEvent, noEvents } from "../events/webhook-events.ts";
import { enqueueRefreshMessage } from "../requests/refresh-message.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import type { Phase } from "./phase.ts";
import { claimPhase, phaseOf, placeOf } from "./phase-repository.ts";

export interface PhaseDeps {
  db: PrismaClient;
  /** request.phase_changed for WEBHOOK_URL. */
  events?: Events;
}

export type PhaseResult =
  | { status: "changed"; before: Phase; after: Phase }
  | { status: "unchanged"; phase: Phase }
  | { status: "not_found" };

/**
 * One phase change in the caller's transaction: the conditional update from `before`, the audit
 * entry `<kind>.phase_changed` with `before: { phase }` and `after: { phase }` (the weekly report
 * counts Gewonnen and Verloren from these), the refresh of the channel message and the
 * `request.phase_changed` event. Returns false when the phase was no longer `before`.
 */
export async function recordPhaseChange(
  tx: Db,
  events: Events,
  change: { kind: RequestKind; id: string; actor: string; before: Phase; after: Phase },
): Promise<boolean> {
  const { kind, id, actor, before, after } = change;
  if (!(await claimPhase(tx, kind, id, before, after))) return false;
  const place = await placeOf(tx, kind, id);
  await recordAudit(tx, {
    actor,
    action: `${kind}.phase_changed`,
    entityType: kind,
    entityId: id,
    // A decided request's phase changes show on its customer's card, too.
    customerId: place.customerId,
    before: { phase: before },
    after: { phase: after },
  });
  await enqueueRefreshMessage(tx, kind, id, place.slackChannel);
  await enqueueRequestEvent(tx, events, "request.phase_changed", kind, id);
  return true;
}

/** The Phase select: sets the phase the member chose (any phase, in any order, decided or not). */
export async function changePhase(
  deps: PhaseDeps,
  input: { kind: RequestKind; requestId: string; actor: string; phase: Phase },
): Promise<PhaseResult> {
  const { kind, requestId: id, actor, phase } = input;
  // A lost race (someone changed it in between) reads the phase again: the last choice wins.
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await deps.db.$transaction(async (tx): Promise<PhaseResult | undefined> => {
      const before = await phaseOf(tx, kind, id);
      if (before === null) return { status: "not_found" };
      if (before === phase) return { status: "unchanged", phase };
      const changed = await recordPhaseChange(tx, deps.events ?? noEvents, {
        kind,
        id,
        actor,
        before,
        after: phase,
      });
      return changed ? { status: "changed", before, after: phase } : undefined;
    });
    if (result) return result;
  }
  return { status: "unchanged", phase };
}

/** The conversation's hook: the first answer sent moves a request in Neu to In Kontakt, in the answer's transaction. */
export function firstAnswerMovesPhase(events: Events): AnswerSentHook {
  return async (tx, sent) => {
    if (!sent.first) return;
    await recordPhaseChange(tx, events, {
      kind: sent.kind,
      id: sent.requestId,
      actor: sent.by,
      before: "new",
      after: "contacted",
    });
  };
}

export function createPhaseService(deps: PhaseDeps & { notify: () => void }) {
  return {
    async change(input: Parameters<typeof changePhase>[1]) {
      const result = await changePhase(deps, input);
      if (result.status === "changed") deps.notify();
      return result;
    },
  };
}

export type PhaseService = ReturnType<typeof createPhaseService>;
