import { eraseLoadingModal, eraseModal, nothingStoredModal } from "../../../blocks/privacy/erase-modal.ts";
import { privacyAddress } from "../../../domain/privacy/address.schema.ts";
import type { KundenSubcommand } from "./index.ts";

export const LOESCHEN_USAGE = "Bitte eine E-Mail-Adresse angeben: `/kunden löschen name@example.com`";

/**
 * `/kunden löschen <e-mail>` (DSGVO Art. 17): a modal that lists what is stored, with
 * **Endgültig löschen**. The trigger_id expires after 3 s, so a small modal opens first and the
 * lookup fills it in.
 */
export const loeschenCommand: KundenSubcommand = async ({ ack, command, client }, deps, rest) => {
  const address = privacyAddress.safeParse(rest);
  if (!address.success) {
    await ack({ response_type: "ephemeral", text: LOESCHEN_USAGE });
    return;
  }
  await ack();
  const opened = await client.views.open({ trigger_id: command.trigger_id, view: eraseLoadingModal() });
  const report = await deps.privacy.find(address.data);
  await client.views.update({
    view_id: opened.view?.id as string,
    ...(opened.view?.hash ? { hash: opened.view.hash } : {}),
    view: report.empty ? nothingStoredModal() : eraseModal(report, JSON.stringify({ email: address.data })),
  });
};
