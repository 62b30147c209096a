import { customerFormView } from "../../../blocks/customers/customer-form.ts";
import type { KundenSubcommand } from "./index.ts";

/** `/kunden neu`: the "Kunden-Eintrag hinzufügen" modal, opened right after the ack. */
export const neuCommand: KundenSubcommand = async ({ ack, client, command }) => {
  await ack();
  await client.views.open({ trigger_id: command.trigger_id, view: customerFormView({}) });
};
