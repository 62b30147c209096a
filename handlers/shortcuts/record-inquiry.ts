import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { recordInquiryModal } from "../../blocks/record-inquiry.ts";

/** Global shortcut "Anfrage erfassen": the same modal as `/kunden anfrage`. */
export async function recordInquiryShortcut({
  ack,
  client,
  shortcut,
}: SlackShortcutMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  await ack();
  await client.views.open({ trigger_id: shortcut.trigger_id, view: recordInquiryModal() });
}
