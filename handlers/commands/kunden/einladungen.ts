import { invitationsMessage, NO_INVITATIONS_TEXT } from "../../../blocks/requests/waiting-lists.ts";
import { countPendingInvitations } from "../../../domain/requests/pending-requests.ts";
import { invitationsPage } from "../../shared/publish-home.ts";
import type { KundenSubcommand } from "./index.ts";

/** `/kunden einladungen`: pending invitations, oldest first, with **Kunde verbinden** / **Einladung ablehnen**. */
export const einladungenCommand: KundenSubcommand = async ({ ack }, deps) => {
  if (!deps.config.invitationsEnabled) {
    await ack({ response_type: "ephemeral", text: NO_INVITATIONS_TEXT });
    return;
  }
  const count = await countPendingInvitations(deps.prisma);
  const page = await invitationsPage(deps, 0, count);
  await ack({ response_type: "ephemeral", ...invitationsMessage(page, deps.now()) });
};
