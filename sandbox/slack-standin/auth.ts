import { BOT_USER, type MethodHandler, OWN_TEAM } from "./types.ts";

/** auth.test: who the bot token belongs to. */
export const authTest: MethodHandler = (_args, standin) => ({
  ok: true,
  url: standin.workspaceUrl,
  team: "Agentur",
  user: "kundenbot",
  team_id: OWN_TEAM,
  user_id: BOT_USER,
  bot_id: "B0KUNDENBOT",
  is_enterprise_install: false,
});

/** apps.connections.open: a bot token cannot open a Socket Mode connection (that takes an app token). */
export const appsConnectionsOpen: MethodHandler = () => ({ ok: false, error: "not_allowed_token_type" });
