import type { App } from "@slack/bolt";
import type { ExtendedErrorHandler, ExtendedErrorHandlerArgs } from "@slack/bolt/dist/App.js";
import type { Logger } from "pino";

type ErrorBody = {
  team?: { id?: string };
  team_id?: string;
  user?: { id?: string };
  user_id?: string;
  type?: string;
  command?: string;
  actions?: { action_id?: string }[];
  view?: { callback_id?: string };
  event?: { type?: string };
};

/** Where a failed request came from: team, user and what they did. */
export function describeRequest(body: unknown) {
  const b = (body ?? {}) as ErrorBody;
  return {
    team: b.team?.id ?? b.team_id,
    user: b.user?.id ?? b.user_id,
    kind: b.type ?? (b.command ? "slash_command" : undefined),
    action: b.actions?.[0]?.action_id ?? b.view?.callback_id ?? b.command ?? b.event?.type,
  };
}

/** The one handler for errors that no listener handled itself. */
export function registerErrorHandler(app: App, log: Logger): void {
  const errors = log.child({ module: "slack" });
  const handler: ExtendedErrorHandler = async ({ error, body }: ExtendedErrorHandlerArgs) => {
    const cause = (error as { original?: unknown }).original ?? error;
    errors.error(
      { err: cause, code: error.code, ...describeRequest(body) },
      "unhandled error in a Slack listener",
    );
  };
  app.error(handler);
}
