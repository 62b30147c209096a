import type { TestApp } from "./app.ts";
import { TEAM_CHANNEL } from "./app.ts";
import type { SlackStandin } from "./slack-standin.ts";

/** Typed builders of what Slack sends: a slash command, a button click, a modal submission. */

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

export function slashCommand(app: TestApp, standin: SlackStandin, text: string, user = "U_MEMBER") {
  return app.command({
    command: "/kunden",
    text,
    user_id: user,
    team_id: "T_TEAM",
    channel_id: TEAM_CHANNEL,
    trigger_id: `trig.${Math.random()}`,
    response_url: `${standin.url}response_url`,
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
  const where = opts.view
    ? { container: { type: "view", view_id: opts.view.id }, view: { ...opts.view, state: { values: {} } } }
    : {
        container: {
          type: "message",
          channel_id: TEAM_CHANNEL,
          message_ts: "1.1",
          is_ephemeral: !!opts.ephemeral,
        },
        channel: { id: TEAM_CHANNEL },
        response_url: `${standin.url}response_url`,
      };
  return app.interact({
    type: "block_actions",
    team: { id: "T_TEAM" },
    user: { id: opts.user ?? "U_MEMBER" },
    trigger_id: `trig.${Math.random()}`,
    ...where,
    actions: [{ type: "button", action_id: actionId, block_id: "b", value, action_ts: "1" }],
  });
}

/** Submits a modal as Slack does, with the given input values (block_id → action_id → value object). */
export function submit(app: TestApp, view: SentView, values: StateValues, user = "U_MEMBER") {
  return app.interact({
    type: "view_submission",
    team: { id: "T_TEAM" },
    user: { id: user },
    trigger_id: `trig.${Math.random()}`,
    view: { ...view, state: { values } },
  });
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
