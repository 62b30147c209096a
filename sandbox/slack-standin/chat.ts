import { withBlockIds } from "./block-kit.ts";
import { BOT_USER, type MethodHandler } from "./types.ts";
import { parseJson } from "./wire.ts";

/** chat.*: messages as Slack keeps them (block ids filled in, a version per edit, threads, ephemerals). */

export const postMessage: MethodHandler = (args, standin) => {
  if (!args.channel) return { ok: false, error: "channel_not_found" };
  if (!args.text && !args.blocks) return { ok: false, error: "no_text" };
  const ts = standin.nextTs();
  const blocks = parseJson(args.blocks);
  const threadTs = typeof args.thread_ts === "string" && args.thread_ts !== "" ? args.thread_ts : undefined;
  if (threadTs && standin.strict && !standin.messages.some((m) => m.ts === threadTs))
    return { ok: false, error: "thread_not_found" };
  standin.messages.push({
    channel: String(args.channel),
    ts,
    user: BOT_USER,
    text: typeof args.text === "string" ? args.text : undefined,
    blocks: Array.isArray(blocks) ? withBlockIds(blocks) : undefined,
    ...(threadTs ? { threadTs } : {}),
    version: 1,
  });
  standin.changed();
  return {
    ok: true,
    channel: args.channel,
    ts,
    message: { text: args.text, ts, blocks },
  };
};

export const update: MethodHandler = (args, standin) => {
  if (!args.channel || !args.ts) return { ok: false, error: "message_not_found" };
  const message = standin.messages.find((m) => m.ts === args.ts && m.channel === args.channel);
  if (!message && standin.strict) return { ok: false, error: "message_not_found" };
  if (message) {
    if (typeof args.text === "string") message.text = args.text;
    const blocks = parseJson(args.blocks);
    if (Array.isArray(blocks)) message.blocks = withBlockIds(blocks);
    message.version += 1;
    standin.changed();
  }
  return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
};

export const deleteMessage: MethodHandler = (args, standin) => {
  const before = standin.messages.length;
  standin.messages = standin.messages.filter((m) => !(m.ts === args.ts && m.channel === args.channel));
  if (before === standin.messages.length) return { ok: false, error: "message_not_found" };
  standin.changed();
  return { ok: true, channel: args.channel, ts: args.ts };
};

export const postEphemeral: MethodHandler = (args, standin) => {
  // Like Slack: only into a channel the stand-in knows, and only to one of its members.
  if (args.channel !== standin.channel) return { ok: false, error: "channel_not_found" };
  if (!standin.members.includes(String(args.user))) return { ok: false, error: "user_not_in_channel" };
  const ts = standin.nextTs();
  const blocks = parseJson(args.blocks);
  standin.ephemerals.push({
    channel: standin.channel,
    ts,
    user: BOT_USER,
    to: String(args.user),
    text: typeof args.text === "string" ? args.text : undefined,
    blocks: Array.isArray(blocks) ? withBlockIds(blocks) : undefined,
  });
  standin.changed();
  return { ok: true, message_ts: ts };
};

export const getPermalink: MethodHandler = (args, standin) => ({
  ok: true,
  channel: args.channel,
  permalink: `${standin.workspaceUrl}archives/${args.channel}/p${String(args.message_ts).replace(".", "")}`,
});
