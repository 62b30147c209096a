import type { KundenSubcommand } from "./index.ts";

export const BERICHT_SENT = "Der Wochenbericht kommt gleich in Ihrer Direktnachricht mit kundenbot.";

/**
 * `/kunden bericht`: the weekly report as of now, to the asking member's DM with the bot. The ack
 * comes first; the report is built and enqueued after it (the outbox posts the text and the chart).
 */
export const berichtCommand: KundenSubcommand = async ({ ack, respond, command }, deps) => {
  await ack({ response_type: "ephemeral", text: "Der Wochenbericht wird erstellt …" });
  const outcome = await deps.report.toMember(command.user_id);
  await respond({
    response_type: "ephemeral",
    text:
      outcome.status === "duplicate"
        ? "Der Wochenbericht wurde gerade schon angefordert und kommt gleich."
        : BERICHT_SENT,
  });
};
