import { helpMessage } from "../../../blocks/customers/help.ts";
import { countWaiting } from "../../../domain/requests/pending-requests.ts";
import type { KundenSubcommand } from "./index.ts";

/** `/kunden hilfe` and an empty `/kunden`: the commands, with what waits right now. */
export const hilfeCommand: KundenSubcommand = async ({ ack }, deps) => {
  const counts = await countWaiting(deps.prisma, { invitations: deps.config.invitationsEnabled });
  await ack({ response_type: "ephemeral", ...helpMessage(counts) });
};
