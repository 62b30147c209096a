import type { BlockAction, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { noticeModal } from "../../blocks/assign-request-modal.ts";

/**
 * Tells the person who clicked, and only them: through the click's response_url (channel messages,
 * ephemeral lists), or, where Slack sends none (App Home, modals), in a small modal on the trigger_id.
 */
export async function tellClicker(
  args: { body: BlockAction; respond: RespondFn; client: WebClient },
  title: string,
  text: string,
): Promise<void> {
  if (args.body.response_url) {
    await args.respond({ response_type: "ephemeral", replace_original: false, text });
    return;
  }
  await args.client.views.open({ trigger_id: args.body.trigger_id, view: noticeModal(title, text) });
}
