import type { SlackPost } from "./sign.ts";
import type { SlackStandin } from "./slack-standin.ts";

/**
 * What a decision modal's submitter finally sees: "closed" when the ack closed the modal, else the
 * answer's view as JSON. When the decision took longer than the ack budget, the ack says "Wird
 * gespeichert" and the outcome follows as a views.update of the same view, which is awaited here.
 */
export async function finalDecisionAnswer(
  res: SlackPost,
  standin: SlackStandin,
  viewId: string,
): Promise<string> {
  if (res.text === "") return "closed";
  const answer = JSON.stringify(res.json());
  if (!answer.includes("Wird gespeichert")) return answer;
  const update = () => standin.callsOf("views.update").find((c) => c.args.view_id === viewId);
  await standin.waitFor(() => update() !== undefined, 10_000, `views.update of ${viewId}`);
  return String(update()?.args.view);
}

/** Whether a final answer is the winner's: the modal closed, or updated to "Gespeichert". */
export const isWinningAnswer = (answer: string) =>
  answer === "closed" || answer.includes('"text":"Gespeichert"');
