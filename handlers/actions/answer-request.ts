import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { View } from "@slack/types";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { answerModal } from "../../blocks/conversation/answer-modal.ts";
import type { Deps } from "../deps.ts";
import { requestRef } from "../shared/decision-payloads.ts";
import { openViewFast } from "../shared/open-view.ts";

/** **Antworten** on a request message: the answer modal (recipient, Vorlage, Betreff, Nachricht). */
export const answerRequestClick =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, action, client }) => {
    await ack();
    const ref = requestRef.safeParse((action as { value?: string }).value);
    if (!ref.success) {
      deps.log.warn({ issues: ref.error.issues }, "Antworten button with an unusable value");
      return;
    }
    const build = (async (): Promise<View> => {
      const opened = await deps.conversation.openAnswer(ref.data.type, ref.data.id);
      if (opened.status !== "ok") return noticeModal("Nicht gefunden", "Diese Anfrage gibt es nicht (mehr).");
      return answerModal({
        meta: { kind: opened.kind, id: opened.id, v: 0 },
        recipient: opened.recipient,
        templates: opened.templates,
        subject: opened.subject,
      });
    })();
    await openViewFast(client, {
      triggerId: (body as BlockAction).trigger_id,
      push: false,
      title: "Antworten",
      build,
    });
  };
