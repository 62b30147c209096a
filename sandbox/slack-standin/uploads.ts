import type { IncomingMessage, ServerResponse } from "node:http";
import { BOT_USER, type MethodHandler, type StandinFile, type Workspace } from "./types.ts";
import { parseJson, readBody } from "./wire.ts";

/**
 * Slack's external upload: files.getUploadURLExternal announces a file, the app posts its bytes to
 * the upload URL, files.completeUploadExternal shares it.
 */

export const getUploadURLExternal: MethodHandler = (args, standin) => {
  const problems: string[] = [];
  if (typeof args.filename !== "string" || args.filename === "")
    problems.push("[ERROR] missing required field: filename");
  const length = Number(args.length);
  if (args.length === undefined || !Number.isInteger(length) || length < 1)
    problems.push("[ERROR] missing required field: length");
  if (problems.length > 0)
    return { ok: false, error: "invalid_arguments", response_metadata: { messages: problems } };
  const id = `F0${String(standin.files.size + 1).padStart(9, "0")}`;
  standin.files.set(id, { id, filename: String(args.filename), length });
  return { ok: true, upload_url: `http://127.0.0.1:${standin.port}/upload/${id}`, file_id: id };
};

/**
 * The upload URL of getUploadURLExternal: the bytes as the multipart field `body` (what
 * `@slack/web-api` sends) or as the raw request body. Slack's file server answers `OK - <bytes>`.
 */
export async function handleUpload(standin: Workspace, req: IncomingMessage, res: ServerResponse) {
  const id = (req.url ?? "").slice("/upload/".length);
  const raw = await readBody(req);
  const file = standin.files.get(id);
  if (!file || file.bytes || req.method !== "POST") {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
    return;
  }
  const type = req.headers["content-type"] ?? "";
  let bytes = raw;
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const part = form.get("body");
    if (!part || typeof part === "string") {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end("no file part");
      return;
    }
    bytes = Buffer.from(await part.arrayBuffer());
  }
  file.bytes = bytes;
  res.writeHead(200, { "content-type": "text/plain" });
  res.end(`OK - ${bytes.length}`);
}

export const completeUploadExternal: MethodHandler = (args, standin) => {
  const files = parseJson(args.files);
  if (!Array.isArray(files) || files.length === 0 || files.some((f) => typeof f?.id !== "string"))
    return {
      ok: false,
      error: "invalid_arguments",
      response_metadata: { messages: ["[ERROR] missing required field: files"] },
    };
  const channel = args.channel_id === undefined ? undefined : String(args.channel_id);
  if (channel !== undefined) {
    // A user id is no channel: Slack wants the DM's D… id from conversations.open.
    if (!/^[CGD][A-Z0-9]+$/.test(channel)) return { ok: false, error: "invalid_channel" };
    if (!standin.knowsChannel(channel)) return { ok: false, error: "channel_not_found" };
  }
  const done: StandinFile[] = [];
  for (const f of files as { id: string; title?: string }[]) {
    const file = standin.files.get(f.id);
    if (!file?.bytes) return { ok: false, error: "file_not_found" };
    // (unverified) Slack's answer when the uploaded bytes differ from the announced length.
    if (file.bytes.length !== file.length)
      return {
        ok: false,
        error: "invalid_arguments",
        response_metadata: {
          messages: [`[ERROR] uploaded ${file.bytes.length} bytes, announced length ${file.length}`],
        },
      };
    done.push(file);
  }
  for (const file of done) {
    const title = (files as { id: string; title?: string }[]).find((f) => f.id === file.id)?.title;
    if (title) file.title = title;
    if (channel) file.channel = channel;
    if (typeof args.initial_comment === "string") file.initialComment = args.initial_comment;
  }
  if (channel) {
    // Sharing into a channel posts a message with the files and the initial comment as its text, as in Slack.
    const threadTs = typeof args.thread_ts === "string" && args.thread_ts !== "" ? args.thread_ts : undefined;
    standin.messages.push({
      channel,
      ts: standin.nextTs(),
      user: BOT_USER,
      ...(typeof args.initial_comment === "string" ? { text: args.initial_comment } : {}),
      ...(threadTs ? { threadTs } : {}),
      files: done.map((f) => f.id),
      version: 1,
    });
    standin.changed();
  }
  return {
    ok: true,
    files: done.map((f) => ({ id: f.id, name: f.filename, title: f.title ?? f.filename, size: f.length })),
  };
};
