import { NOTHING_STORED_TEXT } from "../../../blocks/privacy/erase-modal.ts";
import { privacyAddress } from "../../../domain/privacy/address.schema.ts";
import { sendFileInDm } from "../../shared/dm-file.ts";
import type { KundenSubcommand } from "./index.ts";

export const AUSKUNFT_USAGE = "Bitte eine E-Mail-Adresse angeben: `/kunden auskunft name@example.com`";

/**
 * `/kunden auskunft <e-mail>` (DSGVO Art. 15): everything stored about the address as a JSON file,
 * in a direct message with the bot to the member who asked. The ack comes first; the lookup and
 * the upload follow, and the answer through response_url.
 */
export const auskunftCommand: KundenSubcommand = async ({ ack, respond, command, client }, deps, rest) => {
  const address = privacyAddress.safeParse(rest);
  if (!address.success) {
    await ack({ response_type: "ephemeral", text: AUSKUNFT_USAGE });
    return;
  }
  await ack({ response_type: "ephemeral", text: "Die Auskunft wird erstellt …" });
  const doc = await deps.privacy.exportFor(address.data);
  if (doc.nothingStored) {
    await respond({ response_type: "ephemeral", text: NOTHING_STORED_TEXT });
    return;
  }
  await sendFileInDm(client, command.user_id, {
    bytes: Buffer.from(JSON.stringify(doc, null, 2), "utf8"),
    filename: `auskunft-${doc.exportedAt.slice(0, 10)}.json`,
    title: "Auskunft (DSGVO Art. 15)",
    comment:
      "Die Auskunft als JSON-Datei: alles, was kundenbot zu der angefragten Adresse speichert. Bitte geben Sie sie nur an die betroffene Person weiter.",
  });
  await respond({
    response_type: "ephemeral",
    text: "Die Auskunft liegt als Datei in Ihrer Direktnachricht mit kundenbot.",
  });
  deps.log.info({ user: command.user_id }, "privacy export sent");
};
