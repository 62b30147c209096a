import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { withBlockIds } from "./block-kit.ts";
import { BOT_USER, type ResponseContext, type Workspace } from "./types.ts";
import { parseJson, readBody } from "./wire.ts";

/** Slack's limits on a response_url: 5 uses within 30 minutes of the click. */
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;

/** The response_urls handed out so far, with their age, uses and where their answers go. */
export class ResponseUrls {
  private urls = new Map<string, { createdAt: number; uses: number; context: ResponseContext }>();

  /**
   * A fresh id; `context` says where its answers go. Unguessable, as Slack's are (128 random bits):
   * whoever knows a response_url can post as the app to the person who clicked.
   */
  issue(now: number, context: ResponseContext): string {
    const id = `R${randomBytes(16).toString("hex").toUpperCase()}`;
    this.urls.set(id, { createdAt: now, uses: 0, context });
    return id;
  }

  /** POST /response/<id>: Slack's errors for an unknown, expired or used-up url, else the answer applied. */
  async handle(standin: Workspace, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = (req.url ?? "").slice("/response/".length);
    const body = parseJson((await readBody(req)).toString("utf8")) as Record<string, unknown>;
    const url = this.urls.get(id);
    // Slack's error names for a used-up or expired response_url (the HTTP status is unverified).
    let error: string | undefined;
    if (!url) error = "invalid_url";
    else if (standin.now() - url.createdAt > RESPONSE_URL_TTL_MS) error = "expired_url";
    else if (url.uses >= RESPONSE_URL_USES) error = "used_url";
    else if (!body || typeof body !== "object") error = "invalid_payload";
    const status = error ? 404 : 200;
    standin.responses.push({ id, body: body && typeof body === "object" ? body : {}, status });
    if (url && !error) {
      url.uses += 1;
      applyResponse(standin, url.context, body as Record<string, unknown>);
    }
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(error ? { ok: false, error } : { ok: true }));
  }
}

/** What Slack does with a response_url's answer: replace or delete the original, or post a new message. */
function applyResponse(standin: Workspace, ctx: ResponseContext, body: Record<string, unknown>) {
  const content = {
    text: typeof body.text === "string" ? body.text : undefined,
    blocks: Array.isArray(body.blocks) ? withBlockIds(body.blocks) : undefined,
  };
  const original = ctx.messageTs
    ? ctx.ephemeral
      ? standin.ephemerals.find((m) => m.ts === ctx.messageTs && m.to === ctx.user)
      : standin.messages.find((m) => m.ts === ctx.messageTs && m.channel === ctx.channel)
    : undefined;
  if (body.delete_original === true && original) {
    if (ctx.ephemeral) standin.ephemerals = standin.ephemerals.filter((m) => m !== original);
    else standin.messages = standin.messages.filter((m) => m !== original);
  } else if (body.replace_original === true && original) {
    Object.assign(original, content);
    if ("version" in original) original.version += 1;
  } else if (body.response_type === "in_channel" && ctx.channel) {
    standin.messages.push({
      channel: ctx.channel,
      ts: standin.nextTs(),
      user: BOT_USER,
      version: 1,
      ...content,
    });
  } else if (ctx.user && ctx.channel) {
    standin.ephemerals.push({
      channel: ctx.channel,
      ts: standin.nextTs(),
      user: BOT_USER,
      to: ctx.user,
      ...content,
    });
  }
  standin.changed();
}
