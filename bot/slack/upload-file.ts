import type { WebClient } from "@slack/web-api";

export interface FileUpload {
  /** A channel id (C…, G…, D…), never a user id. */
  channel: string;
  filename: string;
  bytes: Buffer;
  title: string;
  /** Alt text of an image, for screen readers (Slack's `alt_txt`). */
  altText?: string;
  initialComment?: string;
}

/**
 * Slack's external upload in its three steps: files.getUploadURLExternal (with the byte length and
 * `alt_txt`, Slack's own name for the alt text, which @slack/web-api's filesUploadV2 does not send),
 * the bytes to the upload URL, files.completeUploadExternal with the channel. Errors of the Web API
 * calls are thrown as the client throws them, so outbox handlers can tell passing from lasting ones.
 */
export async function uploadFile(client: WebClient, file: FileUpload): Promise<string> {
  const announced = (await client.apiCall("files.getUploadURLExternal", {
    filename: file.filename,
    length: file.bytes.length,
    ...(file.altText ? { alt_txt: file.altText } : {}),
  })) as { upload_url?: string; file_id?: string };
  if (!announced.upload_url || !announced.file_id)
    throw new Error("files.getUploadURLExternal returned no upload_url or file_id");
  const uploaded = await fetch(announced.upload_url, {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: new Uint8Array(file.bytes),
    signal: AbortSignal.timeout(30_000),
  });
  await uploaded.arrayBuffer();
  if (!uploaded.ok) throw new Error(`the upload URL answered HTTP ${uploaded.status}`);
  await client.apiCall("files.completeUploadExternal", {
    files: JSON.stringify([{ id: announced.file_id, title: file.title }]),
    channel_id: file.channel,
    ...(file.initialComment ? { initial_comment: file.initialComment } : {}),
  });
  return announced.file_id;
}
