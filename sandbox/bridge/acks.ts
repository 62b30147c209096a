import { z } from "zod";
import { invalidBlockKit } from "../slack-standin.ts";

/** What Slack does with an app's ack: of a view submission (close, errors, update, push) and of a slash command. */

const viewObject = z.looseObject({ type: z.string(), blocks: z.array(z.looseObject({ type: z.string() })) });
const viewAck = z.union([
  z.object({ response_action: z.literal("errors"), errors: z.record(z.string(), z.string()) }),
  z.object({ response_action: z.literal("update"), view: viewObject }),
  z.object({ response_action: z.literal("push"), view: viewObject }),
  z.object({ response_action: z.literal("clear") }),
]);

export type ViewAck =
  | { kind: "close" }
  | { kind: "errors"; errors: Record<string, string> }
  | { kind: "update" | "push"; view: Record<string, unknown> }
  | { kind: "clear" }
  | { kind: "failed"; message: string };

/** What Slack makes of a view_submission's ack: an empty 200 closes the modal. */
export function interpretViewAck(status: number | "timeout", body: string): ViewAck {
  if (status === "timeout")
    return { kind: "failed", message: "kundenbot hat nicht rechtzeitig geantwortet." };
  if (status !== 200)
    return { kind: "failed", message: `Es gab ein Problem mit kundenbot (HTTP ${status}).` };
  if (body.trim() === "") return { kind: "close" };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: "failed", message: "kundenbot hat keine gültige Antwort gesendet." };
  }
  if (json && typeof json === "object" && Object.keys(json).length === 0) return { kind: "close" };
  const parsed = viewAck.safeParse(json);
  if (!parsed.success) return { kind: "failed", message: "kundenbot hat keine gültige Antwort gesendet." };
  const a = parsed.data;
  if (a.response_action === "errors") return { kind: "errors", errors: a.errors };
  if (a.response_action === "clear") return { kind: "clear" };
  const invalid = invalidBlockKit("views.update", { view: a.view });
  if (invalid) return { kind: "failed", message: `Slack hat die Ansicht abgelehnt: ${invalid.error}` };
  return { kind: a.response_action, view: a.view };
}

export type CommandAck =
  | { kind: "none" }
  | { kind: "message"; inChannel: boolean; text?: string; blocks?: unknown[] }
  | { kind: "failed"; message: string };

/** What Slack makes of a slash command's ack: its body is shown as a message (ephemeral by default). */
export function interpretCommandAck(command: string, status: number | "timeout", body: string): CommandAck {
  if (status === "timeout")
    return { kind: "failed", message: `${command} ist mit dem Fehler „operation_timeout“ fehlgeschlagen` };
  if (status !== 200)
    return { kind: "failed", message: `${command} ist mit dem Fehler „http_${status}“ fehlgeschlagen` };
  if (body.trim() === "") return { kind: "none" };
  try {
    const json = JSON.parse(body) as { text?: unknown; blocks?: unknown; response_type?: unknown };
    if (!json || typeof json !== "object" || (json.text === undefined && json.blocks === undefined))
      return { kind: "none" };
    return {
      kind: "message",
      inChannel: json.response_type === "in_channel",
      text: typeof json.text === "string" ? json.text : undefined,
      blocks: Array.isArray(json.blocks) ? json.blocks : undefined,
    };
  } catch {
    return { kind: "message", inChannel: false, text: body };
  }
}
