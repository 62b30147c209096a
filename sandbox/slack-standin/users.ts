import type { MethodHandler } from "./types.ts";

/** users.info: the people the stand-in knows by name, others named after their id (lenient mode). */
export const usersInfo: MethodHandler = (args, standin) => {
  const known = standin.users.get(String(args.user));
  if (!known && standin.strict) return { ok: false, error: "user_not_found" };
  return {
    ok: true,
    user: {
      id: args.user,
      team_id: standin.teamOf(String(args.user)),
      is_bot: standin.botUsers.has(String(args.user)),
      is_app_user: false,
      name: String(args.user).toLowerCase(),
      real_name: known?.realName,
      profile: known ? { real_name: known.realName, display_name: known.realName } : {},
      tz: known?.tz ?? "Europe/Berlin",
      locale: "de-DE",
    },
  };
};
