import { customerDraftFromRequest } from "../customers/draft-from-request.ts";
import type { PrismaClient } from "../db.ts";
import { renderDeclineMail } from "../mail/decline-email.ts";
import { enqueueRefreshMessage } from "../requests/refresh-message.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import { assignRequest } from "./assign-request.ts";
import { type Decision, decisionOf } from "./decision.ts";
import { type DeclineDeps, declineInvitation } from "./decline-invitation.ts";
import {
  findRequestForDecision,
  findRequestWithMatch,
  type RequestForDecision,
} from "./request-repository.ts";

/** Why a decision modal cannot open: the request is gone, decided already, or invitations do not exist. */
export type ClosedRequest =
  | { status: "not_found" }
  | { status: "already_decided"; decision: Decision }
  | { status: "not_available" };

export interface DecisionServiceDeps extends DeclineDeps {
  db: PrismaClient;
  /** Wakes the outbox worker of this process after a commit that enqueued a job. */
  notify: () => void;
}

/**
 * The decisions (Kunde hinzufügen, Kunde verbinden, Einladung ablehnen) as listeners get them
 * (`Deps.decisions`): opening a decision, and making it. Every path that enqueues a message
 * refresh or an e-mail wakes the outbox itself.
 */
export function createDecisionService(deps: DecisionServiceDeps) {
  const refresh = async (kind: RequestKind, id: string, channel: string | null) => {
    await enqueueRefreshMessage(deps.db, kind, id, channel);
    deps.notify();
  };

  /**
   * The request behind a decision button, while it is undecided. A decided one has its channel
   * message refreshed (which repairs an update that failed earlier); so has one posted before the
   * switch to the ISV program, whose message still shows the buttons.
   */
  async function openRequest(
    kind: RequestKind,
    id: string,
  ): Promise<{ status: "open"; request: RequestForDecision } | ClosedRequest> {
    return judge(kind, await findRequestForDecision(deps.db, kind, id));
  }

  /** Whether a request (as read) can be decided now, and if not why. */
  async function judge(
    kind: RequestKind,
    request: RequestForDecision | null,
  ): Promise<{ status: "open"; request: RequestForDecision } | ClosedRequest> {
    if (kind === "invitation" && !deps.invitationsEnabled) {
      if (request?.slackChannel && request.slackTs) await refresh(kind, request.id, request.slackChannel);
      return { status: "not_available" };
    }
    // An erased request has nothing left to decide on; its message has no buttons any more.
    if (!request || request.erasedAt) return { status: "not_found" };
    const decision = decisionOf(request);
    if (decision) {
      await refresh(kind, request.id, request.slackChannel);
      return { status: "already_decided", decision };
    }
    return { status: "open", request };
  }

  const afterDecision = <R extends { status: string }>(result: R): R => {
    if (result.status === "decided") deps.notify();
    return result;
  };

  return {
    /** For the Kunde hinzufügen / Kunde verbinden modal: the request, its draft customer, and a customer with its e-mail. */
    async openAssignRequest(kind: RequestKind, id: string) {
      // One statement: the modal waits for it, within the click's 3 s.
      const found = await findRequestWithMatch(deps.db, kind, id);
      const opened = await judge(kind, found?.request ?? null);
      const match = found?.match;
      if (opened.status !== "open") return opened;
      return { ...opened, draft: customerDraftFromRequest(opened.request), match };
    },
    /** For the Einladung ablehnen modal: the invitation and the standard e-mail it would get. */
    async openDecline(id: string) {
      const opened = await openRequest("invitation", id);
      if (opened.status !== "open") return opened;
      const mail = renderDeclineMail(deps.mail.template, {
        name: opened.request.name,
        agencyName: deps.mail.agencyName,
        signature: deps.mail.signature,
      });
      return { ...opened, mail };
    },
    assignRequest: async (input: Parameters<typeof assignRequest>[1]) =>
      afterDecision(await assignRequest(deps, input)),
    declineInvitation: async (input: Parameters<typeof declineInvitation>[1]) =>
      afterDecision(await declineInvitation(deps, input)),
  };
}

export type DecisionService = ReturnType<typeof createDecisionService>;
