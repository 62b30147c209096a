import type { Deps } from "../../deps.ts";
import { type WithinAckBudget, withinAckBudget } from "../../shared/ack-budget.ts";
import type { KundenSubcommand } from "./index.ts";

type DigestOutcome = Awaited<ReturnType<Deps["digest"]["onDemand"]>>;

/** Past this the answer follows through response_url (handlers/shared/ack-budget.ts). */
const ACK_BUDGET_MS = 1_500;

export function digestAnswer(outcome: DigestOutcome): string {
  switch (outcome.status) {
    case "enqueued":
      return outcome.subject === "invitations"
        ? `Die Übersicht der offenen Zugriffsfreigaben (${outcome.waiting}) wird gleich im Team-Kanal gepostet.`
        : `Die Übersicht der offenen Anfragen (${outcome.waiting}) wird gleich im Team-Kanal gepostet.`;
    case "nothing-waiting":
      return outcome.subject === "invitations"
        ? "Keine Zugriffsfreigabe wartet auf eine Entscheidung – es gibt nichts zu posten."
        : "Keine Anfrage ist offen – es gibt nichts zu posten.";
    case "duplicate":
      return "Die Übersicht wurde gerade schon angefordert und wird gleich gepostet.";
    case "no-channel":
      return "Es ist kein Team-Kanal eingerichtet (SLACK_CHANNEL_ID).";
  }
}

/**
 * `/kunden digest`: enqueues the digest now. The answer says what happened; when the database is
 * slow, the ack goes out in time and the answer follows.
 */
export const digestCommand: KundenSubcommand = async ({ ack, respond, command }, deps) => {
  const work = deps.digest.onDemand(command.user_id);
  let first: WithinAckBudget<DigestOutcome>;
  try {
    first = await withinAckBudget(work, ACK_BUDGET_MS);
  } catch (err) {
    await ack({ response_type: "ephemeral", text: "Die Übersicht konnte nicht erstellt werden." });
    throw err;
  }
  if (first.status === "in_time") {
    await ack({ response_type: "ephemeral", text: digestAnswer(first.value) });
    return;
  }
  await ack({ response_type: "ephemeral", text: "Die Übersicht wird erstellt …" });
  await respond({ response_type: "ephemeral", text: digestAnswer(await work) });
};
