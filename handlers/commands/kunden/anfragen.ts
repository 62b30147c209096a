import { inquiriesMessage } from "../../../blocks/requests/waiting-lists.ts";
import { countOpenInquiries } from "../../../domain/requests/pending-requests.ts";
import { inquiriesPage } from "../../shared/publish-home.ts";
import type { KundenSubcommand } from "./index.ts";

/** `/kunden anfragen`: open inquiries, oldest first, each with **Kunde hinzufügen**. */
export const anfragenCommand: KundenSubcommand = async ({ ack }, deps) => {
  const count = await countOpenInquiries(deps.prisma);
  const page = await inquiriesPage(deps, 0, count);
  await ack({ response_type: "ephemeral", ...inquiriesMessage(page, deps.now()) });
};
