import {
  invitationsMessage,
  MESSAGE_PAGE_SIZE,
  NO_INVITATIONS_TEXT,
} from "../../../blocks/requests/waiting-lists.ts";
import type { KundenSubcommand } from "./index.ts";

/** `/kunden einladungen`: pending invitations, oldest first, with **Kunde verbinden** / **Einladung ablehnen**. */
export const einladungenCommand: KundenSubcommand = async ({ ack }, deps) => {
  if (!deps.config.invitationsEnabled) {
    await ack({ response_type: "ephemeral", text: NO_INVITATIONS_TEXT });
    return;
  }
  const page = await deps.waiting.invitationsPage(0, MESSAGE_PAGE_SIZE);
  await ack({ response_type: "ephemeral", ...invitationsMessage(page, deps.now()) });
};
