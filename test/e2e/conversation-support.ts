import { expect } from "vitest";
import { ActionId, AnswerBlock, INPUT_ACTION } from "../../blocks/ids.ts";
import type { TestApp } from "../support/app.ts";
import { blockAction, type SentView, viewSubmission } from "../support/interactions.ts";
import type { SlackStandin } from "../support/slack-standin.ts";

/** Antworten on a request message, as Slack sends the click; returns the modal the app opened for it. */
export async function clickAnswer(
  app: TestApp,
  standin: SlackStandin,
  input: { user: string; kind: "inquiry" | "invitation"; id: string },
): Promise<SentView> {
  const payload = blockAction({
    user: input.user,
    actionId: ActionId.answerRequest,
    value: `${input.kind}:${input.id}`,
  });
  expect((await app.interact(payload)).status).toBe(200);
  await standin.waitFor(
    (s) => s.okCallsOf("views.open").some((c) => c.args.trigger_id === payload.trigger_id),
    5_000,
    "views.open for Antworten",
  );
  const call = standin.okCallsOf("views.open").find((c) => c.args.trigger_id === payload.trigger_id);
  return viewOf(call?.response);
}

/** The view in a views.* answer of the stand-in. */
export function viewOf(response: unknown): SentView {
  const view = (response as { view?: SentView } | undefined)?.view;
  if (!view) throw new Error("no view in the answer");
  return view;
}

/** A choice in the modal's Vorlage select (block_actions from the view, with its id and hash). */
export function chooseTemplate(app: TestApp, input: { user: string; view: SentView; templateId: string }) {
  const payload = blockAction({ user: input.user, actionId: ActionId.answerTemplate, view: input.view });
  return app.interact({
    ...payload,
    actions: [
      {
        type: "static_select",
        action_id: ActionId.answerTemplate,
        block_id: AnswerBlock.template,
        selected_option: { text: { type: "plain_text", text: "Vorlage" }, value: input.templateId },
        action_ts: String(Date.now() / 1000),
      },
    ],
  });
}

/** The block_id of an input of the view whose id starts with `base` (Betreff, Nachricht of any generation). */
export function inputBlockId(view: SentView, base: string): string {
  const block = view.blocks.find(
    (b) => b.type === "input" && (b.block_id === base || b.block_id?.startsWith(`${base}_`)),
  );
  if (!block?.block_id) throw new Error(`no input ${base} in the view`);
  return block.block_id;
}

/** Senden with these Betreff and Nachricht. */
export function sendAnswerModal(
  app: TestApp,
  input: { user: string; view: SentView; subject: string | null; text: string | null },
) {
  return app.interact(
    viewSubmission({
      user: input.user,
      view: input.view,
      values: {
        [inputBlockId(input.view, AnswerBlock.subject)]: {
          [INPUT_ACTION]: { type: "plain_text_input", value: input.subject },
        },
        [inputBlockId(input.view, AnswerBlock.text)]: {
          [INPUT_ACTION]: { type: "plain_text_input", value: input.text },
        },
      },
    }),
  );
}
