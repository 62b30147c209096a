import type { MethodHandler } from "./types.ts";

/** conversations.*: the one team channel, its members, and direct-message channels. */

export const members: MethodHandler = (args, standin) => {
  if (args.channel !== standin.channel) return { ok: false, error: "channel_not_found" };
  return { ok: true, members: standin.members, response_metadata: { next_cursor: "" } };
};

export const info: MethodHandler = (args, standin) => {
  if (args.channel !== standin.channel) return { ok: false, error: "channel_not_found" };
  return { ok: true, channel: { id: standin.channel, name: "kundenteam", ...standin.channelInfo } };
};

export const open: MethodHandler = (args, standin) => {
  // Slack's errors: no users at all, or an id that is no user.
  const users = String(args.users ?? "")
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean);
  if (users.length === 0) return { ok: false, error: "users_list_not_supplied" };
  if (users.some((u) => !/^[UW][A-Z0-9]+$/.test(u))) return { ok: false, error: "user_not_found" };
  if (users.length > 1) return { ok: false, error: "not_allowed_token_type" };
  const user = users[0] as string;
  const id = `D${user.slice(1)}`;
  standin.dms.set(id, user);
  return { ok: true, channel: { id } };
};
