import type { Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { answerInputBlock } from "../../blocks/conversation/answer-modal.ts";
import { AnswerBlock, INPUT_ACTION } from "../../blocks/ids.ts";
import { answerSubject, answerText } from "../../domain/conversation/answer.schema.ts";
import type { Deps } from "../deps.ts";
import { answerMetadata } from "../shared/answer-payloads.ts";
import { parseMetadata } from "../shared/metadata.ts";

type Values = Record<string, Record<string, { value?: string | null }>>;

/**
 * **Senden** in the answer modal: Betreff and Nachricht checked here too (a forged submission
 * skips Slack's limits), then the answer stored and its mail, thread post and message refresh
 * queued in one transaction before the ack; a bad field is shown under it and nothing is sent.
 */
export function answerRequestSubmission(deps: Deps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view }) => {
    const meta = parseMetadata(answerMetadata, view.private_metadata);
    if (!meta.success) {
      await ack({
        response_action: "update",
        view: noticeModal("Fehler", "Diese Ansicht ist veraltet. Bitte erneut öffnen."),
      });
      return;
    }
    const values = (view.state?.values ?? {}) as Values;
    const subjectBlock = answerInputBlock(AnswerBlock.subject, meta.data.v);
    const textBlock = answerInputBlock(AnswerBlock.text, meta.data.v);
    const subject = answerSubject.safeParse(values[subjectBlock]?.[INPUT_ACTION]?.value ?? "");
    const text = answerText.safeParse(values[textBlock]?.[INPUT_ACTION]?.value ?? "");
    if (!subject.success || !text.success) {
      const errors: Record<string, string> = {};
      if (!subject.success) errors[subjectBlock] = subject.error.issues[0]?.message ?? "ungültig";
      if (!text.success) errors[textBlock] = text.error.issues[0]?.message ?? "ungültig";
      await ack({ response_action: "errors", errors });
      return;
    }
    const result = await deps.conversation.sendAnswer({
      kind: meta.data.kind,
      requestId: meta.data.id,
      author: body.user.id,
      subject: subject.data,
      text: text.data,
    });
    if (result.status === "not_found") {
      await ack({
        response_action: "update",
        view: noticeModal("Nicht gefunden", "Diese Anfrage gibt es nicht (mehr)."),
      });
      return;
    }
    await ack();
  };
}
