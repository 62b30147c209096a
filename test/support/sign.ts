import { slackSignature } from "../../sandbox/signing.ts";

export { commandBody, interactionBody, slackSignature } from "../../sandbox/signing.ts";

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
