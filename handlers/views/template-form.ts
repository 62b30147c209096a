import type { Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { templateListModal } from "../../blocks/conversation/template-views.ts";
import { INPUT_ACTION, TemplateBlock } from "../../blocks/ids.ts";
import { templateInput } from "../../domain/conversation/template.schema.ts";
import type { Deps } from "../deps.ts";
import { adminRefusal } from "../guards/admin.ts";
import { parseMetadata } from "../shared/metadata.ts";
import { templateFormMetadata } from "../shared/template-payloads.ts";

type Values = Record<string, Record<string, { value?: string | null }>>;

const FIELD_BLOCK = {
  name: TemplateBlock.name,
  subject: TemplateBlock.subject,
  text: TemplateBlock.text,
} as const;

/**
 * **Speichern** in the template form: Name, Betreff, Text checked (an unknown placeholder, a name
 * that exists already, a value past its limit are field errors; nothing is stored), then saved; the
 * form closes and the list below it shows the change.
 */
export function templateFormSubmission(deps: Deps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client }) => {
    const meta = parseMetadata(templateFormMetadata, view.private_metadata);
    if (!meta.success) {
      await ack({
        response_action: "update",
        view: noticeModal("Fehler", "Diese Ansicht ist veraltet. Bitte erneut öffnen."),
      });
      return;
    }
    const refusal = adminRefusal(deps, body.user.id, "/kunden vorlagen");
    if (refusal) {
      await ack({ response_action: "update", view: noticeModal("Nicht erlaubt", refusal) });
      return;
    }
    const values = (view.state?.values ?? {}) as Values;
    const value = (block: string) => values[block]?.[INPUT_ACTION]?.value ?? "";
    const parsed = templateInput.safeParse({
      name: value(TemplateBlock.name),
      subject: value(TemplateBlock.subject),
      text: value(TemplateBlock.text),
    });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const block = FIELD_BLOCK[issue.path[0] as keyof typeof FIELD_BLOCK];
        if (block && !errors[block]) errors[block] = issue.message;
      }
      await ack({ response_action: "errors", errors });
      return;
    }
    const saved = await deps.conversation.saveTemplate({
      ...(meta.data.id ? { id: meta.data.id } : {}),
      template: parsed.data,
      actor: body.user.id,
    });
    if (saved.status === "duplicate_name") {
      await ack({
        response_action: "errors",
        errors: { [TemplateBlock.name]: "Eine Vorlage mit diesem Namen gibt es schon." },
      });
      return;
    }
    if (saved.status === "not_found") {
      await ack({
        response_action: "update",
        view: noticeModal("Nicht gefunden", "Diese Vorlage gibt es nicht mehr."),
      });
      return;
    }
    await ack();
    if (!meta.data.list) return;
    const list = await deps.conversation.listTemplates();
    await client.views
      .update({ view_id: meta.data.list, view: templateListModal(list) })
      .catch((err) =>
        deps.log.info(
          { err: (err as { data?: { error?: string } }).data?.error ?? String(err) },
          "template list not refreshed",
        ),
      );
  };
}
