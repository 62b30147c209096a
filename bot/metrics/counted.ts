import type { ConversationService } from "../../domain/conversation/conversation-service.ts";
import type { DecisionService } from "../../domain/decisions/decision-service.ts";
import type { IntakeService } from "../../domain/intake/intake-service.ts";
import type { Metrics } from "./metrics.ts";

/** The intake service, counting each request it receives (created or duplicate) by source and kind. */
export function countedIntake(intake: IntakeService, metrics: Metrics): IntakeService {
  return {
    async receiveInquiry(input, meta) {
      const result = await intake.receiveInquiry(input, meta);
      metrics.intake(meta.source, "inquiry", result.created ? "created" : "duplicate");
      return result;
    },
    async receiveInvitation(input, meta) {
      const result = await intake.receiveInvitation(input, meta);
      metrics.intake(meta.source, "invitation", result.created ? "created" : "duplicate");
      return result;
    },
  };
}

/** The decision service, counting each decision made (or refused) by kind and result. */
export function countedDecisions(decisions: DecisionService, metrics: Metrics): DecisionService {
  return {
    ...decisions,
    async assignRequest(input) {
      const result = await decisions.assignRequest(input);
      const kind = "existingCustomerId" in input.customer ? "assign_existing" : "create_customer";
      metrics.decision(kind, input.kind, result.status);
      return result;
    },
    async declineInvitation(input) {
      const result = await decisions.declineInvitation(input);
      metrics.decision("decline", "invitation", result.status);
      return result;
    },
  };
}

/** The conversation service, timing each request's first answer and counting the replies posted. */
export function countedConversation(
  conversation: ConversationService,
  metrics: Metrics,
): ConversationService {
  return {
    ...conversation,
    async sendAnswer(input) {
      const result = await conversation.sendAnswer(input);
      if (result.status === "sent" && result.event.first) {
        const e = result.event;
        metrics.firstAnswer(e.kind, (e.at.getTime() - e.receivedAt.getTime()) / 1000);
      }
      return result;
    },
    async receiveReply(mail) {
      const result = await conversation.receiveReply(mail);
      if (result.status === "reply" && result.created) metrics.replyReceived();
      return result;
    },
  };
}
