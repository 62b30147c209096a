import { randomUUID } from "node:crypto";
import type { TestApp } from "./app.ts";
import { TEAM_CHANNEL } from "./app.ts";
import { OWN_TEAM, type SlackStandin } from "./slack-standin.ts";

/**
 * Typed factories for what Slack sends (a button click, a modal submission; tests override what
 * matters to them), and helpers that send them to a test app: `click`, `submit`, `slashCommand`.
 */

export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

export interface SentView {
  id: string;
  type: string;
  callback_id?: string;
  private_metadata?: string;
  hash?: string;
  blocks: { type: string; block_id?: string; [k: string]: unknown }[];
  [k: string]: unknown;
}

const team = { id: "T0AGENTUR1", domain: "agentur" };
const slackUser = (id: string, teamId = "T0AGENTUR1") => ({
  id,
  username: id.toLowerCase(),
  team_id: teamId,
});

export function blockAction(input: {
  user: string;
  /** The user's own organisation (default the app's, T0AGENTUR1; another one in Slack Connect). */
  teamId?: string;
  actionId: string;
  value?: string;
  channel?: string;
  messageTs?: string;
  ephemeral?: boolean;
  responseUrl?: string;
  /** "message" (a channel message) or "view" (a modal or the App Home). */
  container?: "message" | "view";
  viewId?: string;
  /** The modal or Home the button sits in, as the app sent it (implies container "view"). */
  view?: SentView;
}) {
  const inMessage = !input.view && (input.container ?? "message") === "message";
  const viewId = input.view?.id ?? input.viewId ?? "V0HOME0001";
  const channel = input.channel ?? TEAM_CHANNEL;
  return {
    type: "block_actions",
    team,
    user: slackUser(input.user, input.teamId),
    api_app_id: "A0KUNDENBOT",
    token: "legacy",
    trigger_id: `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomUUID().slice(0, 8)}`,
    // Slack sends a response_url only for messages, not for modals and the Home.
    ...(inMessage ? { response_url: input.responseUrl ?? "http://127.0.0.1:1/response" } : {}),
    container: inMessage
      ? {
          type: "message",
          channel_id: channel,
          message_ts: input.messageTs ?? "1700000000.000100",
          ...(input.ephemeral === undefined ? {} : { is_ephemeral: input.ephemeral }),
        }
      : { type: "view", view_id: viewId },
    ...(inMessage ? { channel: { id: channel, name: "team" } } : {}),
    ...(inMessage
      ? {}
      : {
          view: input.view
            ? { ...input.view, state: { values: {} } }
            : { id: viewId, type: "home", callback_id: "", private_metadata: "" },
        }),
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

/** A modal's submission: the view as the app sent it (or just its callback id and metadata), with these input values. */
export function viewSubmission(input: {
  user: string;
  values: StateValues;
  view?: SentView;
  callbackId?: string;
  privateMetadata?: string;
  viewId?: string;
}) {
  return {
    type: "view_submission",
    team,
    user: slackUser(input.user),
    api_app_id: "A0KUNDENBOT",
    token: "legacy",
    trigger_id: `${Date.now()}.1.${randomUUID().slice(0, 8)}`,
    view: {
      ...(input.view ?? {
        id: input.viewId ?? "V0MODAL001",
        type: "modal",
        callback_id: input.callbackId,
        private_metadata: input.privateMetadata,
        hash: "h1",
      }),
      state: { values: input.values },
    },
  };
}

/**
 * `/kunden <text>` as Slack sends it: `team_id` is the workspace the command ran in (ours, also for
 * a Slack Connect user of another organisation in our channel), not the user's organisation.
 */
export function slashCommand(app: TestApp, standin: SlackStandin, text: string, user = "U0MEMBER01") {
  return app.command({
    command: "/kunden",
    text,
    user_id: user,
    team_id: OWN_TEAM,
    channel_id: TEAM_CHANNEL,
    trigger_id: `trig.${Math.random()}`,
    response_url: standin.responseUrl(),
  });
}

/** A click on a button with this action id and value; `view` when the button sits in a modal or the Home. */
export function click(
  app: TestApp,
  standin: SlackStandin,
  actionId: string,
  value: string | undefined,
  opts: { view?: SentView; user?: string; ephemeral?: boolean } = {},
) {
  return app.interact(
    blockAction({
      user: opts.user ?? "U0MEMBER01",
      teamId: standin.teamOf(opts.user ?? "U0MEMBER01"),
      actionId,
      value,
      view: opts.view,
      messageTs: "1.1",
      ephemeral: !!opts.ephemeral,
      responseUrl: standin.responseUrl(),
    }),
  );
}

/** Submits a modal as Slack does, with the given input values (block_id → action_id → value object). */
export function submit(app: TestApp, view: SentView, values: StateValues, user = "U0MEMBER01") {
  return app.interact(viewSubmission({ user, view, values }));
}

/** Text inputs as state values: { blockAndActionId: "text" }. */
export function texts(fields: Record<string, string | null>): StateValues {
  const out: StateValues = {};
  for (const [id, value] of Object.entries(fields)) out[id] = { [id]: { type: "plain_text_input", value } };
  return out;
}

/** Waits for the n-th successful call of a views method and returns its view. */
export async function nthView(standin: SlackStandin, method: string, n: number): Promise<SentView> {
  await standin.waitFor((s) => s.okCallsOf(method).length >= n, 5_000, `${method} #${n}`);
  return (standin.okCallsOf(method)[n - 1]!.response as { view: SentView }).view;
}
