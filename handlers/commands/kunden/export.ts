import { sendFileInDm } from "../../shared/dm-file.ts";
import type { KundenSubcommand } from "./index.ts";

export const EXPORT_FILENAME = "kunden.csv";

/**
 * `/kunden export`: all customers as `kunden.csv` in the asking member's direct message with the
 * bot (the same file as `npm run export -- customers`). The ack comes first; the file follows.
 */
export const exportCommand: KundenSubcommand = async ({ ack, respond, command, client }, deps) => {
  await ack({ response_type: "ephemeral", text: "Der Export wird erstellt …" });
  const { csv, rows } = await deps.customers.customerCsv(deps.config.digest.timezone);
  await sendFileInDm(client, command.user_id, {
    bytes: Buffer.from(csv, "utf8"),
    filename: EXPORT_FILENAME,
    title: "Kunden-Export",
    comment: `Alle Kunden als CSV-Datei (${rows} ${rows === 1 ? "Kunde" : "Kunden"}; UTF-8, für Excel, HubSpot und andere CRMs). Sie enthält personenbezogene Daten: Bitte nur dort ablegen, wo sie geschützt sind.`,
  });
  await respond({
    response_type: "ephemeral",
    text: `Der Export (${EXPORT_FILENAME}) liegt in Ihrer Direktnachricht mit kundenbot.`,
  });
  // No data in the log: who exported when.
  deps.log.info({ user: command.user_id, rows }, "customer export sent");
};
