import { templateListModal } from "../../../blocks/conversation/template-views.ts";
import { openViewFast } from "../../shared/open-view.ts";
import type { KundenSubcommand } from "./index.ts";

/** `/kunden vorlagen`: the answer templates (Neue Vorlage, Bearbeiten, Löschen), opened right after the ack. */
export const vorlagenCommand: KundenSubcommand = async ({ ack, client, command }, deps) => {
  await ack();
  await openViewFast(client, {
    triggerId: command.trigger_id,
    push: false,
    title: "Vorlagen",
    build: deps.conversation.listTemplates().then((list) => templateListModal(list)),
  });
};
