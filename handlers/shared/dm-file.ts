import type { WebClient } from "@slack/web-api";

/**
 * Sends a file to a member in their direct message with the bot (Slack's external upload:
 * files.getUploadURLExternal, then files.completeUploadExternal). Files go to a channel id, never
 * a user id: the DM is opened (or found) first.
 */
export async function sendFileInDm(
  client: WebClient,
  userId: string,
  file: { bytes: Buffer; filename: string; title: string; comment: string },
): Promise<void> {
  const dm = await client.conversations.open({ users: userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error("conversations.open returned no channel");
  await client.filesUploadV2({
    channel_id: channel,
    file: file.bytes,
    filename: file.filename,
    title: file.title,
    initial_comment: file.comment,
  });
}
