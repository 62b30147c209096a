import type { AnyMiddlewareArgs, App, Middleware } from "@slack/bolt";
import { notMemberHome, notMemberText } from "../../blocks/not-member.ts";
import type { Deps } from "../deps.ts";

type Body = {
  type?: string;
  user?: { id?: string };
  user_id?: string;
  response_url?: string;
  command?: string;
  trigger_id?: string;
  channel?: { id?: string };
  container?: { channel_id?: string };
  event?: { type?: string; user?: string; tab?: string };
};

/**
 * Only members of the team channel may use the bot. This runs before every listener: a request
 * from anyone else is answered here with a refusal that shows no customer data, and no listener
 * ever sees it.
 */
export function teamMemberGuard(deps: Deps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Body;
    const userId = body.user?.id ?? body.user_id ?? body.event?.user;
    const kind = body.type ?? (body.command ? "slash_command" : undefined);
    // Only App Home is a person asking for data; other events (member_joined/left_channel carry a
    // `user` too) must reach their listeners, or a leaver would keep the cached access.
    if (!userId || (kind === "event_callback" && body.event?.type !== "app_home_opened")) {
      await args.next();
      return;
    }
    // The user's organisation comes from users.info, never from the payload: a slash command's
    // team_id names the workspace it ran in (ours, for a Slack Connect user in our channel).
    const answer = await deps.membership.check(userId);
    if (answer === "member") {
      await args.next();
      return;
    }
    const text = notMemberText(answer, deps.config.slack.channelId);
    deps.log.info({ user: userId, kind, answer }, "refused a request from outside the team channel");
    const ack = "ack" in args ? (args.ack as (r?: unknown) => Promise<void>) : undefined;
    switch (kind) {
      case "slash_command":
        await ack?.({ response_type: "ephemeral", text });
        return;
      case "block_suggestion":
        await ack?.({ options: [] });
        return;
      case "view_submission":
        await ack?.({
          response_action: "update",
          view: {
            type: "modal",
            title: { type: "plain_text", text: "kundenbot" },
            blocks: notMemberHome(text),
          },
        });
        return;
      case "event_callback":
        await args.client.views.publish({
          user_id: userId,
          view: { type: "home", blocks: notMemberHome(text) },
        });
        return;
      default: {
        await ack?.();
        // Not chat.postEphemeral: Slack refuses it (user_not_in_channel) for exactly the people
        // refused here. The click's response_url reaches them; without one (App Home, modals,
        // global shortcuts) a modal on the trigger_id does.
        const respond = "respond" in args ? (args.respond as RespondFn | undefined) : undefined;
        if (body.response_url && respond) {
          await respond({ response_type: "ephemeral", replace_original: false, text });
        } else if (body.trigger_id) {
          await args.client.views.open({
            trigger_id: body.trigger_id,
            view: {
              type: "modal",
              title: { type: "plain_text", text: "kundenbot" },
              blocks: notMemberHome(text),
            },
          });
        } else {
          deps.log.warn({ user: userId, kind }, "a refused request had no way to answer the user");
        }
      }
    }
  };
}

type RespondFn = (message: {
  response_type: "ephemeral";
  replace_original: boolean;
  text: string;
}) => Promise<unknown>;

export function registerTeamMemberGuard(app: App, deps: Deps): void {
  app.use(teamMemberGuard(deps));
}
