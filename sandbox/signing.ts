import { createHmac } from "node:crypto";

/** Headers that sign `body` exactly as Slack signs a request (v0, HMAC-SHA256 of `v0:<ts>:<body>`). */
export function slackSignature(
  signingSecret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const signature = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}

/** Interactivity (buttons, modals, shortcuts) arrives as `payload=<JSON>`, form-encoded. */
export const interactionBody = (payload: unknown) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** Slash commands arrive as plain form fields. */
export const commandBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
