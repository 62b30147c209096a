import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { ANSWER_SUBJECT_MAX, ANSWER_TEXT_MAX } from "../../domain/conversation/limits.ts";
import { stripInvisible } from "../../domain/text/invisible.ts";
import { plain } from "../format.ts";
import { ActionId, AnswerBlock, CallbackId, INPUT_ACTION } from "../ids.ts";
import { truncate } from "../truncate.ts";

/** What the answer modal carries in private_metadata: the request, and the generation of its inputs. */
export interface AnswerMetadata {
  kind: "inquiry" | "invitation";
  id: string;
  /** Raised each time a template fills the inputs: their block_ids end in it. */
  v: number;
}

export interface AnswerModalInput {
  meta: AnswerMetadata;
  recipient: { name: string; email: string };
  templates: { id: string; name: string }[];
  subject: string;
  /** The Nachricht's text: empty when opened, a template's text after choosing one. */
  text?: string;
}

/** The block_id of Betreff or Nachricht in a generation (0: as opened). */
export const answerInputBlock = (base: string, v: number) => (v === 0 ? base : `${base}_${v}`);

/**
 * **Antworten**: the recipient, **Vorlage** (choosing one updates the modal), **Betreff**
 * (prefilled), **Nachricht**, **Senden**. The inputs carry the generation in their block_id, so
 * that a template's text shows in place of what they held (Slack keeps an input's value while its
 * block_id stays the same).
 */
export function answerModal(input: AnswerModalInput): ModalView {
  const { meta } = input;
  const recipient = `An: ${stripInvisible(input.recipient.name)} <${input.recipient.email}>`;
  const blocks: KnownBlock[] = [
    {
      type: "section",
      block_id: AnswerBlock.recipient,
      text: { type: "plain_text", text: truncate(recipient, 3000), emoji: false },
    },
  ];
  if (input.templates.length > 0) {
    blocks.push({
      type: "input",
      block_id: AnswerBlock.template,
      optional: true,
      dispatch_action: true,
      label: plain("Vorlage", 2000),
      element: {
        type: "static_select",
        action_id: ActionId.answerTemplate,
        placeholder: plain("Vorlage wählen", 150),
        options: input.templates
          .slice(0, 100)
          .map((t): PlainTextOption => ({ text: plain(t.name, 75), value: t.id })),
      },
    });
  } else {
    blocks.push({
      type: "context",
      block_id: AnswerBlock.template,
      elements: [plain("Noch keine Vorlagen. Mit /kunden vorlagen legen Sie welche an.", 2000)],
    });
  }
  blocks.push(
    {
      type: "input",
      block_id: answerInputBlock(AnswerBlock.subject, meta.v),
      label: plain("Betreff", 2000),
      element: {
        type: "plain_text_input",
        action_id: INPUT_ACTION,
        max_length: ANSWER_SUBJECT_MAX,
        ...(input.subject ? { initial_value: truncate(input.subject, ANSWER_SUBJECT_MAX) } : {}),
      },
    },
    {
      type: "input",
      block_id: answerInputBlock(AnswerBlock.text, meta.v),
      label: plain("Nachricht", 2000),
      hint: plain(
        "Geht per E-Mail an die Adresse oben, mit der Signatur der Agentur, und erscheint im Thread der Anfrage.",
        2000,
      ),
      element: {
        type: "plain_text_input",
        action_id: INPUT_ACTION,
        multiline: true,
        max_length: ANSWER_TEXT_MAX,
        ...(input.text ? { initial_value: truncate(input.text, ANSWER_TEXT_MAX) } : {}),
      },
    },
  );
  return {
    type: "modal",
    callback_id: CallbackId.answerRequest,
    private_metadata: JSON.stringify(meta),
    title: plain("Antworten", 24),
    submit: plain("Senden", 24),
    close: plain("Abbrechen", 24),
    blocks,
  };
}
