import type { IncomingMessage } from "node:http";
import { verifySlackRequest } from "@slack/bolt";

/**
 * Why a request to /slack/events is not from Slack (a missing or wrong signature, a stale
 * timestamp), or undefined when it is signed with the signing secret. Bolt checks it again; this
 * check runs first so that refusals are logged our way (bot/http/refusal-log.ts), not once each.
 */
export function slackSignatureProblem(
  req: IncomingMessage,
  rawBody: Buffer,
  signingSecret: string,
  nowMs = Date.now(),
): string | undefined {
  const body = rawBody.toString("utf8");
  // Slack's SSL check carries no signature; Bolt answers it (and does nothing else) without one.
  if (new URLSearchParams(body).get("ssl_check") === "1") return undefined;
  const signature = req.headers["x-slack-signature"];
  const timestamp = req.headers["x-slack-request-timestamp"];
  if (typeof signature !== "string" || typeof timestamp !== "string") return "missing signature";
  try {
    verifySlackRequest({
      signingSecret,
      body,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": Number(timestamp) },
      nowMilliseconds: nowMs,
    });
    return undefined;
  } catch (err) {
    return (err as Error).message.replace(/^Failed to verify authenticity: /, "");
  }
}
