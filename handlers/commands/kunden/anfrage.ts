import { recordInquiryModal } from "../../../blocks/record-inquiry.ts";
import type { KundenSubcommand } from "./index.ts";

/** `/kunden anfrage`: the modal to record an inquiry that came by phone or e-mail. */
export const anfrageCommand: KundenSubcommand = async ({ ack, client, command }) => {
  await ack();
  // The trigger_id lasts 3 s: open the modal right away, nothing slow before it.
  await client.views.open({ trigger_id: command.trigger_id, view: recordInquiryModal() });
};
