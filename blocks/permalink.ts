/**
 * A link to a channel message, built from the workspace URL (`auth.test` → `url`) instead of one
 * `chat.getPermalink` call per message. Channel and ts are checked so that a bad row can never
 * inject mrkdwn into `<url|text>`; undefined when there is nothing safe to link to.
 */
export function messagePermalink(workspaceUrl: string | undefined, channel: string, ts: string) {
  if (!workspaceUrl || !/^https?:\/\/[^\s|<>]+$/.test(workspaceUrl)) return undefined;
  if (!/^[A-Z0-9]+$/.test(channel) || !/^\d+\.\d+$/.test(ts)) return undefined;
  const base = workspaceUrl.endsWith("/") ? workspaceUrl : `${workspaceUrl}/`;
  return `${base}archives/${channel}/p${ts.replace(".", "")}`;
}
