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

export interface SlackPost {
  status: number;
  text: string;
  json(): unknown;
}

/** Sends a signed request to the app's /slack/events, as Slack would. */
export async function postToSlackEndpoint(
  baseUrl: string,
  signingSecret: string,
  body: string,
  contentType: "application/json" | "application/x-www-form-urlencoded",
  opts: { timestamp?: number; badSignature?: boolean } = {},
): Promise<SlackPost> {
  const headers = slackSignature(signingSecret, body, opts.timestamp);
  if (opts.badSignature) headers["x-slack-signature"] = `v0=${"0".repeat(64)}`;
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: { "content-type": contentType, ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

/** Interactivity (buttons, modals, shortcuts) arrives as `payload=<JSON>`, form-encoded. */
export const interactionBody = (payload: unknown) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** Slash commands arrive as plain form fields. */
export const commandBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
