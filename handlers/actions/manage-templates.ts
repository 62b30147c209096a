import type { Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { View } from "@slack/types";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { templateFormModal, templateListModal } from "../../blocks/conversation/template-views.ts";
import type { Deps } from "../deps.ts";
import { adminRefusal } from "../guards/admin.ts";
import { openViewFast } from "../shared/open-view.ts";
import { type TemplateFormMetadata, templateClick } from "../shared/template-payloads.ts";

const COMMAND = "/kunden vorlagen";
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The click's payload, and whether its user may manage templates (ADMIN_USERS); a refusal is pushed as a notice. */
async function parseClick(deps: Deps, body: unknown, client: Deps["slack"]) {
  const click = templateClick.safeParse(body);
  if (!click.success) {
    deps.log.warn({ issues: click.error.issues }, "template button with an unusable payload");
    return undefined;
  }
  const refusal = adminRefusal(deps, click.data.user.id, COMMAND);
  if (refusal) {
    await client.views.push({
      trigger_id: click.data.trigger_id,
      view: noticeModal("Nicht erlaubt", refusal),
    });
    return undefined;
  }
  return click.data;
}

/** **Neue Vorlage**: the empty form, pushed over the list. */
export const newTemplateClick =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, client }) => {
    await ack();
    const click = await parseClick(deps, body, client);
    if (!click) return;
    const meta: TemplateFormMetadata = { list: click.view.id };
    await client.views.push({
      trigger_id: click.trigger_id,
      view: templateFormModal({ meta: JSON.stringify(meta) }),
    });
  };

/** **Bearbeiten**: the form with the template's Name, Betreff and Text. */
export const editTemplateClick =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, client }) => {
    await ack();
    const click = await parseClick(deps, body, client);
    const id = click?.actions[0]?.value;
    if (!click || !id || !uuid.test(id)) return;
    const build = deps.conversation.findTemplate(id).then((template): View => {
      if (!template) return noticeModal("Nicht gefunden", "Diese Vorlage gibt es nicht mehr.");
      const meta: TemplateFormMetadata = { id, list: click.view.id };
      return templateFormModal({ meta: JSON.stringify(meta), initial: template });
    });
    await openViewFast(client, { triggerId: click.trigger_id, push: true, title: "Vorlage", build });
  };

/** **Löschen** (after Slack's confirmation): the template goes for the whole team; the list is shown anew. */
export const deleteTemplateClick =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, client }) => {
    await ack();
    const click = await parseClick(deps, body, client);
    const id = click?.actions[0]?.value;
    if (!click || !id || !uuid.test(id)) return;
    await deps.conversation.deleteTemplate(id);
    deps.log.info({ user: click.user.id, template: id }, "answer template deleted");
    const list = await deps.conversation.listTemplates();
    await client.views.update({
      view_id: click.view.id,
      ...(click.view.hash ? { hash: click.view.hash } : {}),
      view: templateListModal(list),
    });
  };
