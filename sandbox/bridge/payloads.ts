import type { ViewOutput } from "@slack/bolt";
import { OWN_TEAM, type StoredView } from "../slack-standin.ts";
import { type Element, elementState, type RawValues, stateValues } from "./state-values.ts";

/** The requests Slack sends to an app, built as Slack builds them (user, team, container, state, urls). */

export const APP_ID = "A0KUNDENBOT";
const TEAM = { id: OWN_TEAM, domain: "agentur" };

const slackUser = (id: string, teamId: string) => ({
  id,
  username: id.toLowerCase(),
  name: id.toLowerCase(),
  team_id: teamId,
});

/**
 * Slash command form fields, as Slack posts them. `team_id` is the workspace the command ran in
 * (ours: the team channel is ours), not the user's organisation: for a Slack Connect user of
 * another organisation it still names ours. A slash command carries no `user.team_id`.
 */
export function commandPayload(input: {
  user: string;
  channel: { id: string; name: string };
  command: string;
  text: string;
  triggerId: string;
  responseUrl: string;
}) {
  return {
    token: "sandbox",
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: input.channel.id,
    channel_name: input.channel.name,
    user_id: input.user,
    user_name: input.user.toLowerCase(),
    command: input.command,
    text: input.text,
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

export type ActionSource =
  | {
      type: "message";
      channel: { id: string; name: string };
      ts: string;
      ephemeral: boolean;
      message?: unknown;
    }
  | { type: "view"; view: StoredView; values: RawValues };

/** A click on a button or a choice in a select: `block_actions` with Slack's container. */
export function blockActionsPayload(input: {
  user: string;
  teamId: string;
  source: ActionSource;
  action: { blockId: string; element: Element; value?: string; selected?: { value: string; text: string } };
  triggerId: string;
  responseUrl?: string;
  tz: string;
  actionTs: string;
}) {
  const { element } = input.action;
  const action: Record<string, unknown> = {
    type: element.type,
    action_id: element.action_id,
    block_id: input.action.blockId,
    action_ts: input.actionTs,
  };
  if (element.type === "button") {
    action.text = element.text;
    if (typeof element.value === "string") action.value = element.value;
    if (typeof element.style === "string") action.style = element.style;
  } else Object.assign(action, elementState(element, input.action.selected ?? input.action.value, input.tz));
  const src = input.source;
  const base = {
    type: "block_actions",
    user: slackUser(input.user, input.teamId),
    api_app_id: APP_ID,
    token: "sandbox",
    trigger_id: input.triggerId,
    team: TEAM,
    is_enterprise_install: false,
    actions: [action],
  };
  if (src.type === "view") {
    return {
      ...base,
      container: { type: "view", view_id: src.view.id },
      view: viewForPayload(src.view, stateValues(src.view, src.values, input.tz)),
      state: { values: stateValues(src.view, src.values, input.tz) },
    };
  }
  return {
    ...base,
    container: {
      type: "message",
      message_ts: src.ts,
      channel_id: src.channel.id,
      is_ephemeral: src.ephemeral,
    },
    channel: src.channel,
    // Slack sends the message only for messages everyone sees; an ephemeral one it does not keep.
    ...(src.ephemeral ? {} : { message: src.message }),
    state: { values: {} },
    response_url: input.responseUrl,
  };
}

/** The view as Slack echoes it in payloads (Bolt's ViewOutput): without what only the sandbox keeps. */
function viewForPayload(view: StoredView, values: Record<string, Record<string, unknown>>): ViewOutput {
  const { errors: _errors, ...rest } = view;
  const text = (t: { text: string } | undefined) =>
    t ? { type: "plain_text" as const, text: t.text, emoji: true } : null;
  return {
    ...rest,
    id: view.id,
    type: view.type,
    team_id: OWN_TEAM,
    app_id: APP_ID,
    bot_id: "B0KUNDENBOT",
    title: text(view.title) ?? { type: "plain_text", text: "", emoji: true },
    close: text(view.close),
    submit: text(view.submit),
    blocks: view.blocks as ViewOutput["blocks"],
    hash: view.hash,
    private_metadata: view.private_metadata ?? "",
    callback_id: view.callback_id ?? "",
    root_view_id: typeof view.root_view_id === "string" ? view.root_view_id : view.id,
    previous_view_id: typeof view.previous_view_id === "string" ? view.previous_view_id : null,
    clear_on_close: view.clear_on_close === true,
    notify_on_close: view.notify_on_close === true,
    state: { values: values as ViewOutput["state"]["values"] },
  };
}

export function viewSubmissionPayload(input: {
  user: string;
  teamId: string;
  view: StoredView;
  values: RawValues;
  triggerId: string;
  tz: string;
}) {
  return {
    type: "view_submission" as const,
    team: TEAM,
    user: slackUser(input.user, input.teamId),
    api_app_id: APP_ID,
    token: "sandbox",
    trigger_id: input.triggerId,
    view: viewForPayload(input.view, stateValues(input.view, input.values, input.tz)),
    response_urls: [],
    is_enterprise_install: false,
  };
}

export function viewClosedPayload(input: { user: string; teamId: string; view: StoredView; tz: string }) {
  return {
    type: "view_closed" as const,
    team: TEAM,
    user: slackUser(input.user, input.teamId),
    api_app_id: APP_ID,
    token: "sandbox",
    view: viewForPayload(input.view, stateValues(input.view, {}, input.tz)),
    is_cleared: false,
    is_enterprise_install: false,
  };
}

export function blockSuggestionPayload(input: {
  user: string;
  teamId: string;
  view: StoredView;
  blockId: string;
  actionId: string;
  value: string;
}) {
  return {
    type: "block_suggestion" as const,
    user: slackUser(input.user, input.teamId),
    container: { type: "view" as const, view_id: input.view.id },
    api_app_id: APP_ID,
    token: "sandbox",
    action_id: input.actionId,
    block_id: input.blockId,
    value: input.value,
    team: TEAM,
    view: viewForPayload(input.view, {}),
    is_enterprise_install: false,
  };
}

export function appHomeOpenedEnvelope(input: {
  user: string;
  home: StoredView | undefined;
  eventTs: string;
}) {
  return {
    token: "sandbox",
    team_id: OWN_TEAM,
    api_app_id: APP_ID,
    type: "event_callback",
    event_id: `Ev0${input.eventTs.replace(".", "")}`,
    event_time: Math.floor(Number(input.eventTs)),
    event: {
      type: "app_home_opened",
      user: input.user,
      channel: `D0${input.user.slice(1, 9)}`,
      tab: "home",
      event_ts: input.eventTs,
      ...(input.home ? { view: input.home } : {}),
    },
  };
}
