import type { Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { answerModal } from "../../blocks/conversation/answer-modal.ts";
import type { Deps } from "../deps.ts";
import { answerMetadata, memberName, templateChoice } from "../shared/answer-payloads.ts";
import { parseMetadata } from "../shared/metadata.ts";

/**
 * **Vorlage** chosen in the answer modal: the template, filled for this request and member, goes
 * into Betreff and Nachricht of the open modal (views.update with the view's hash, so that a newer
 * view is never overwritten). The inputs get new block_ids: Slack would keep their old values otherwise.
 */
export const answerTemplateSelect =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, client }) => {
    await ack();
    const choice = templateChoice.safeParse(body);
    const meta = parseMetadata(answerMetadata, choice.data?.view.private_metadata);
    const templateId = choice.data?.actions[0]?.selected_option?.value;
    if (!choice.success || !meta.success) {
      deps.log.warn(
        { issues: choice.error?.issues ?? meta.error?.issues },
        "Vorlage with an unusable payload",
      );
      return;
    }
    // Cleared: the member keeps what is written.
    if (!templateId) return;
    const [filled, opened] = await Promise.all([
      memberName(deps.slack, choice.data.user.id).then((name) =>
        deps.conversation.fillTemplate({
          templateId,
          kind: meta.data.kind,
          requestId: meta.data.id,
          memberName: name,
        }),
      ),
      deps.conversation.openAnswer(meta.data.kind, meta.data.id),
    ]);
    if (!filled || opened.status !== "ok") return;
    const view = answerModal({
      meta: { ...meta.data, v: meta.data.v + 1 },
      recipient: opened.recipient,
      templates: opened.templates,
      subject: filled.subject,
      text: filled.text,
    });
    try {
      await client.views.update({
        view_id: choice.data.view.id,
        ...(choice.data.view.hash ? { hash: choice.data.view.hash } : {}),
        view,
      });
    } catch (err) {
      // hash_conflict: the modal changed meanwhile (another choice); the newer one stays.
      deps.log.info(
        { err: (err as { data?: { error?: string } }).data?.error ?? String(err) },
        "template not filled in",
      );
    }
  };
