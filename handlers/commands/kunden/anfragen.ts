import { inquiriesMessage, MESSAGE_PAGE_SIZE } from "../../../blocks/requests/waiting-lists.ts";
import type { KundenSubcommand } from "./index.ts";

/** `/kunden anfragen`: open inquiries, oldest first, each with **Kunde hinzufügen**. */
export const anfragenCommand: KundenSubcommand = async ({ ack }, deps) => {
  const page = await deps.waiting.inquiriesPage(0, MESSAGE_PAGE_SIZE);
  await ack({ response_type: "ephemeral", ...inquiriesMessage(page, deps.now()) });
};
