import type { Deps } from "../../../bot/deps.ts";
import type { KundenSubcommand } from "./index.ts";

type DigestOutcome = Awaited<ReturnType<Deps["digest"]["onDemand"]>>;

/** Slack wants the ack within 3 s (the team-member guard already spent some); past this the answer follows through response_url. */
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
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), ACK_BUDGET_MS);
  });
  let first: DigestOutcome | "late";
  try {
    first = await Promise.race([work, late]);
  } catch (err) {
    await ack({ response_type: "ephemeral", text: "Die Übersicht konnte nicht erstellt werden." });
    throw err;
  } finally {
    clearTimeout(timer);
  }
  if (first !== "late") {
    await ack({ response_type: "ephemeral", text: digestAnswer(first) });
    return;
  }
  await ack({ response_type: "ephemeral", text: "Die Übersicht wird erstellt …" });
  await respond({ response_type: "ephemeral", text: digestAnswer(await work) });
};
