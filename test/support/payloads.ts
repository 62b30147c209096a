import { randomUUID } from "node:crypto";
import { TEAM_CHANNEL } from "./app.ts";

/** Typed factories for the payloads Slack sends; tests override what matters to them. */

export function blockAction(input: {
  user: string;
  actionId: string;
  value?: string;
  channel?: string;
  messageTs?: string;
  /** "message" (a channel message) or "view" (a modal or the App Home). */
  container?: "message" | "view";
  viewId?: string;
}) {
  const inMessage = (input.container ?? "message") === "message";
  return {
    type: "block_actions",
    team: { id: "T_TEAM", domain: "agentur" },
    user: { id: input.user, username: input.user.toLowerCase(), team_id: "T_TEAM" },
    api_app_id: "A_APP",
    token: "legacy",
    trigger_id: `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomUUID().slice(0, 8)}`,
    response_url: "http://127.0.0.1:1/response",
    container: inMessage
      ? {
          type: "message",
          channel_id: input.channel ?? TEAM_CHANNEL,
          message_ts: input.messageTs ?? "1700000000.000100",
        }
      : { type: "view", view_id: input.viewId ?? "V_HOME" },
    ...(inMessage ? { channel: { id: input.channel ?? TEAM_CHANNEL, name: "team" } } : {}),
    ...(inMessage
      ? {}
      : { view: { id: input.viewId ?? "V_HOME", type: "home", callback_id: "", private_metadata: "" } }),
    actions: [
      {
        type: "button",
        action_id: input.actionId,
        block_id: "b",
        value: input.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
}

export type ViewValues = Record<string, Record<string, Record<string, unknown>>>;

export function viewSubmission(input: {
  user: string;
  callbackId: string;
  privateMetadata: string;
  values: ViewValues;
  viewId?: string;
}) {
  return {
    type: "view_submission",
    team: { id: "T_TEAM", domain: "agentur" },
    user: { id: input.user, username: input.user.toLowerCase(), team_id: "T_TEAM" },
    api_app_id: "A_APP",
    token: "legacy",
    trigger_id: `${Date.now()}.1.${randomUUID().slice(0, 8)}`,
    view: {
      id: input.viewId ?? "V_MODAL",
      type: "modal",
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata,
      state: { values: input.values },
      hash: "h1",
    },
  };
}
