import { helpMessage } from "../../../blocks/customers/help.ts";
import type { KundenSubcommand } from "./index.ts";

/** `/kunden hilfe` and an empty `/kunden`: the commands, with what waits right now. */
export const hilfeCommand: KundenSubcommand = async ({ ack }, deps) => {
  const counts = await deps.waiting.counts();
  await ack({ response_type: "ephemeral", ...helpMessage(counts) });
};
