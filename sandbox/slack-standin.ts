import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A Slack Web API stand-in: a real HTTP server that answers the methods kundenbot uses the way
 * Slack does, records every call, and can inject faults (429 with Retry-After, HTTP 500, delays,
 * Slack errors) and enforce Slack's per-channel posting rate.
 */

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
  /** What the stand-in answered: an HTTP status and, for 200, the body. */
  status: number;
  response?: unknown;
}

export type Fault =
  | { kind: "ratelimited"; retryAfter: number }
  | { kind: "http"; status: number }
  | { kind: "error"; error: string }
  | { kind: "delay"; ms: number };

interface FaultRule {
  method: string | "*";
  fault: Fault;
  /** How many calls it applies to; Infinity for all. */
  remaining: number;
  /** Probability per call (0..1) instead of every call. */
  rate: number;
}

export type MethodHandler = (args: Record<string, unknown>, standin: SlackStandin) => unknown;

/** A person in the stand-in's workspace, as users.info describes them. */
export interface StandinUser {
  id: string;
  realName: string;
  tz?: string;
}

/** A channel message as Slack keeps it: its current blocks, how often it was edited, and its thread. */
export interface StoredMessage {
  channel: string;
  ts: string;
  user: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  /** 1 when posted, +1 for each chat.update or replace_original. */
  version: number;
}

/** An ephemeral message: one user sees it, in one channel, until the next reload (like Slack). */
export interface EphemeralMessage extends Omit<StoredMessage, "version"> {
  /** The one user who sees it. */
  to: string;
}

export interface StoredView {
  id: string;
  hash: string;
  type: string;
  title?: { text: string };
  submit?: { text: string };
  close?: { text: string };
  callback_id?: string;
  private_metadata?: string;
  external_id?: string;
  notify_on_close?: boolean;
  blocks: { type: string; block_id?: string; [k: string]: unknown }[];
  /** response_action errors, shown under the inputs until the next submission. */
  errors?: Record<string, string>;
  [k: string]: unknown;
}

/** What the stand-in keeps across a restart (modals and trigger ids are gone after one, as in Slack). */
export interface StandinState {
  messages: StoredMessage[];
  ephemerals: EphemeralMessage[];
  homes: Record<string, StoredView>;
  counters: { ts: number; view: number };
}

/** Slack's limits on trigger ids and modal stacks. */
const TRIGGER_TTL_MS = 3_000;
const MODAL_STACK_MAX = 3;

export interface StandinOptions {
  /** Channel members answered by conversations.members (default: U0MEMBER01). */
  members?: string[];
  /** People with names (users.info); others get a name made from their id. */
  users?: StandinUser[];
  /**
   * Refuse what only a real workspace can tell apart: trigger ids and message ts the stand-in never
   * issued, views it never opened. The sandbox runs strict; tests that send hand-made payloads don't.
   */
  strict?: boolean;
  /** The team channel's id (default CTEAM0001): the one channel whose members `members` are. */
  channel?: string;
  /** Enforce a posting rate per channel for chat.postMessage: 1 per `ms`, with a burst. */
  postRate?: { perMs: number; burst: number };
  seed?: number;
}

/** The app's own workspace, as auth.test reports it. */
export const OWN_TEAM = "T0AGENTUR1";
/** The bot's own user id, as auth.test reports it. */
export const BOT_USER = "U0KUNDENBOT";

/** Slack's limits on a response_url: 5 uses within 30 minutes of the click. */
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;

/** A file of Slack's external upload: announced (getUploadURLExternal), uploaded, then shared (completeUploadExternal). */
export interface StandinFile {
  id: string;
  filename: string;
  /** The byte length announced in getUploadURLExternal. */
  length: number;
  bytes?: Buffer;
  title?: string;
  /** Where completeUploadExternal shared it. */
  channel?: string;
  initialComment?: string;
}

/** Where a response_url's answer goes: the click's user, channel and message. */
export interface ResponseContext {
  user?: string;
  channel?: string;
  messageTs?: string;
  ephemeral?: boolean;
}

export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
  status: number;
}

export class SlackStandin {
  readonly calls: RecordedCall[] = [];
  members: string[];
  readonly channel: string;
  /** The team channel as conversations.info describes it (a private, unshared channel by default). */
  channelInfo = { is_private: true, is_shared: false, is_ext_shared: false };
  /** Users of other organisations (Slack Connect), id → their team; everyone else is in OWN_TEAM. */
  readonly userTeams = new Map<string, string>();
  /** Bot users (users.info → is_bot): the app's own, and other apps added with addBotUser. */
  readonly botUsers = new Set<string>([BOT_USER]);
  /** What was posted to response_urls, in order (also the refused ones). */
  readonly responses: RecordedResponse[] = [];
  private responseUrls = new Map<string, { createdAt: number; uses: number; context: ResponseContext }>();
  /** Files of the external upload, by file id. */
  readonly files = new Map<string, StandinFile>();
  /** Direct-message channels opened with conversations.open: channel id → user. */
  readonly dms = new Map<string, string>();
  private fileCounter = 0;
  readonly users = new Map<string, StandinUser>();
  readonly strict: boolean;
  /** Channel messages and their thread replies, in posting order. */
  messages: StoredMessage[] = [];
  ephemerals: EphemeralMessage[] = [];
  /** Open modals per user, the top one last. */
  readonly modals = new Map<string, StoredView[]>();
  /** App Home per user. */
  homes = new Map<string, StoredView>();
  private triggers = new Map<string, { user: string; at: number; used: boolean }>();
  /** Called after every change of messages, modals or homes (the sandbox page listens). */
  onChange: (() => void) | undefined;
  /** Called when a Web API call arrives, before it is answered (benchmarks time the arrival). */
  onCall: ((call: RecordedCall) => void) | undefined;
  /** The stand-in's clock, for response_url expiry; tests may replace it. */
  now: () => number = Date.now;
  private server: Server;
  private rules: FaultRule[] = [];
  private handlers = new Map<string, MethodHandler>();
  private tsCounter = 0;
  private viewCounter = 0;
  private buckets = new Map<string, { tokens: number; last: number }>();
  private postRate: StandinOptions["postRate"];
  private random: () => number;
  port = 0;

  constructor(opts: StandinOptions = {}) {
    this.members = opts.members ?? ["U0MEMBER01"];
    for (const u of opts.users ?? []) this.users.set(u.id, u);
    this.strict = opts.strict ?? false;
    this.channel = opts.channel ?? "CTEAM0001";
    this.postRate = opts.postRate;
    let seed = opts.seed ?? 42;
    this.random = () => {
      // mulberry32: repeatable fault patterns
      seed |= 0;
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        res.writeHead(500);
        res.end(String(err));
      });
    });
  }

  /** Base URL to pass as SLACK_API_URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async start(port = 0): Promise<this> {
    this.server.listen(port, "127.0.0.1");
    await once(this.server, "listening");
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** A user of another organisation (Slack Connect): users.info and payloads carry `teamId`. */
  addForeignUser(userId: string, teamId = "T0EXTERN01"): this {
    this.userTeams.set(userId, teamId);
    return this;
  }

  /** Another app's bot user in the workspace (users.info → is_bot: true). */
  addBotUser(userId: string): this {
    this.botUsers.add(userId);
    return this;
  }

  teamOf(userId: string): string {
    return this.userTeams.get(userId) ?? OWN_TEAM;
  }

  /** A fresh response_url, as Slack puts into a click or a slash command; `context` says where its answers go. */
  responseUrl(context: ResponseContext = {}): string {
    const id = `R${String(this.responseUrls.size + 1).padStart(9, "0")}`;
    this.responseUrls.set(id, { createdAt: this.now(), uses: 0, context });
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** A fresh trigger_id for `user`, as Slack puts into a click, a command or a submission. */
  triggerId(user: string): string {
    const id = `${Math.floor(this.now() / 1000)}.${this.triggers.size + 1}.${randomBytes(8).toString("hex")}`;
    this.triggers.set(id, { user, at: this.now(), used: false });
    return id;
  }

  /** A channel message as it stands now (chat.update and replace_original change it). */
  findMessage(channel: string | null | undefined, ts: string | null | undefined): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** The user's top modal, if any. */
  topModal(user: string): StoredView | undefined {
    return this.modals.get(user)?.at(-1);
  }

  /** What survives a restart, as plain JSON. */
  snapshot(): StandinState {
    return {
      messages: this.messages,
      ephemerals: this.ephemerals,
      homes: Object.fromEntries(this.homes),
      counters: { ts: this.tsCounter, view: this.viewCounter },
    };
  }

  restore(state: StandinState): this {
    this.messages = state.messages;
    this.ephemerals = state.ephemerals;
    this.homes = new Map(Object.entries(state.homes));
    this.tsCounter = state.counters.ts;
    this.viewCounter = state.counters.view;
    return this;
  }

  /** Forgets every message, modal and Home (the sandbox's Zurücksetzen). */
  clearState(): void {
    this.messages = [];
    this.ephemerals = [];
    this.modals.clear();
    this.homes.clear();
    this.triggers.clear();
    this.changed();
  }

  changed(): void {
    this.onChange?.();
  }

  /** Posts an ephemeral message that comes from Slack itself (e.g. "the app did not answer"). */
  addEphemeral(message: Omit<EphemeralMessage, "ts">): void {
    this.ephemerals.push({ ...message, ts: this.nextTs() });
    this.changed();
  }

  /** Answer `method` with a fault, for the next `times` calls (default: all) or with a probability. */
  fault(method: string | "*", fault: Fault, opts: { times?: number; rate?: number } = {}): this {
    this.rules.push({
      method,
      fault,
      remaining: opts.times ?? Number.POSITIVE_INFINITY,
      rate: opts.rate ?? 1,
    });
    return this;
  }

  clearFaults(): this {
    this.rules = [];
    return this;
  }

  setRate(rate: StandinOptions["postRate"]): this {
    this.postRate = rate;
    this.buckets.clear();
    return this;
  }

  /** Replace the answer of a method. */
  on(method: string, handler: MethodHandler): this {
    this.handlers.set(method, handler);
    return this;
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** Successful calls of a method whose answer was ok: true. */
  okCallsOf(method: string): RecordedCall[] {
    return this.callsOf(method).filter((c) => (c.response as { ok?: boolean } | undefined)?.ok === true);
  }

  reset(): void {
    this.calls.length = 0;
    this.rules = [];
    this.buckets.clear();
  }

  /** Waits until `predicate` holds over the recorded calls (polling), or throws after `timeoutMs`. */
  async waitFor(predicate: (s: this) => boolean, timeoutMs = 5_000, what = "condition"): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > until) throw new Error(`Slack stand-in: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    if (req.url?.startsWith("/response/")) return this.handleResponseUrl(req, res);
    if (req.url?.startsWith("/upload/")) return this.handleUpload(req, res);
    const method = (req.url ?? "").split("?")[0]?.split("/").filter(Boolean).pop() ?? "";
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const args = parseArgs(raw, req.headers["content-type"] ?? "");
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice(7) : (args.token as string | undefined);
    const call: RecordedCall = { method, args, token, at: Date.now(), status: 200 };
    this.calls.push(call);
    this.onCall?.(call);

    for (const rule of this.rules) {
      if (rule.remaining <= 0 || (rule.method !== "*" && rule.method !== method)) continue;
      if (rule.rate < 1 && this.random() >= rule.rate) continue;
      rule.remaining -= 1;
      const f = rule.fault;
      if (f.kind === "delay") {
        await new Promise((r) => setTimeout(r, f.ms));
        continue;
      }
      if (f.kind === "ratelimited") return this.ratelimited(res, call, f.retryAfter);
      if (f.kind === "http") {
        call.status = f.status;
        res.writeHead(f.status, { "content-type": "text/plain" });
        res.end("stand-in fault");
        return;
      }
      return this.reply(res, call, { ok: false, error: f.error });
    }

    if (method === "chat.postMessage" && this.postRate) {
      const channel = String(args.channel ?? "");
      const now = Date.now();
      const b = this.buckets.get(channel) ?? { tokens: this.postRate.burst, last: now };
      b.tokens = Math.min(this.postRate.burst, b.tokens + (now - b.last) / this.postRate.perMs);
      b.last = now;
      this.buckets.set(channel, b);
      if (b.tokens < 1) {
        const wait = Math.ceil(((1 - b.tokens) * this.postRate.perMs) / 1000);
        return this.ratelimited(res, call, Math.max(1, wait));
      }
      b.tokens -= 1;
    }

    const invalid = invalidBlockKit(method, args);
    if (invalid) return this.reply(res, call, invalid);

    const custom = this.handlers.get(method);
    const body = custom ? await custom(args, this) : this.defaultAnswer(method, args);
    return this.reply(res, call, body);
  }

  private async handleResponseUrl(req: IncomingMessage, res: ServerResponse) {
    const id = (req.url ?? "").slice("/response/".length);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = parseJson(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    const url = this.responseUrls.get(id);
    // Slack's error names for a used-up or expired response_url (the HTTP status is unverified).
    let error: string | undefined;
    if (!url) error = "invalid_url";
    else if (this.now() - url.createdAt > RESPONSE_URL_TTL_MS) error = "expired_url";
    else if (url.uses >= RESPONSE_URL_USES) error = "used_url";
    else if (!body || typeof body !== "object") error = "invalid_payload";
    const status = error ? 404 : 200;
    this.responses.push({ id, body: body && typeof body === "object" ? body : {}, status });
    if (url && !error) {
      url.uses += 1;
      this.applyResponse(url.context, body as Record<string, unknown>);
    }
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(error ? { ok: false, error } : { ok: true }));
  }

  /**
   * The upload URL of getUploadURLExternal: the bytes as the multipart field `body` (what
   * `@slack/web-api` sends) or as the raw request body. Slack's file server answers `OK - <bytes>`.
   */
  private async handleUpload(req: IncomingMessage, res: ServerResponse) {
    const id = (req.url ?? "").slice("/upload/".length);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const file = this.files.get(id);
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

  /** What Slack does with a response_url's answer: replace or delete the original, or post a new message. */
  private applyResponse(ctx: ResponseContext, body: Record<string, unknown>) {
    const content = {
      text: typeof body.text === "string" ? body.text : undefined,
      blocks: Array.isArray(body.blocks) ? withBlockIds(body.blocks) : undefined,
    };
    const original = ctx.messageTs
      ? ctx.ephemeral
        ? this.ephemerals.find((m) => m.ts === ctx.messageTs && m.to === ctx.user)
        : this.messages.find((m) => m.ts === ctx.messageTs && m.channel === ctx.channel)
      : undefined;
    if (body.delete_original === true && original) {
      if (ctx.ephemeral) this.ephemerals = this.ephemerals.filter((m) => m !== original);
      else this.messages = this.messages.filter((m) => m !== original);
    } else if (body.replace_original === true && original) {
      Object.assign(original, content);
      if ("version" in original) original.version += 1;
    } else if (body.response_type === "in_channel" && ctx.channel) {
      this.messages.push({ channel: ctx.channel, ts: this.nextTs(), user: BOT_USER, version: 1, ...content });
    } else if (ctx.user && ctx.channel) {
      this.ephemerals.push({
        channel: ctx.channel,
        ts: this.nextTs(),
        user: BOT_USER,
        to: ctx.user,
        ...content,
      });
    }
    this.changed();
  }

  /** trigger_id checks of views.open and views.push: Slack's errors, and whose modal stack it is. */
  private useTrigger(triggerId: unknown): { user: string } | { error: string } {
    if (typeof triggerId !== "string" || triggerId === "") return { error: "invalid_trigger_id" };
    const t = this.triggers.get(triggerId);
    if (!t) return this.strict ? { error: "invalid_trigger_id" } : { user: "" };
    if (t.used) return { error: "exchanged_trigger_id" };
    if (this.now() - t.at > TRIGGER_TTL_MS) return { error: "expired_trigger_id" };
    t.used = true;
    return { user: t.user };
  }

  private findView(
    args: Record<string, unknown>,
  ): { view: StoredView; replace: (v: StoredView) => void } | undefined {
    const match = (v: StoredView) =>
      (typeof args.view_id === "string" && v.id === args.view_id) ||
      (typeof args.external_id === "string" && v.external_id === args.external_id);
    for (const stack of this.modals.values()) {
      const i = stack.findIndex(match);
      if (i >= 0)
        return {
          view: stack[i] as StoredView,
          replace: (v) => {
            stack[i] = v;
          },
        };
    }
    for (const [user, home] of this.homes) {
      if (match(home)) return { view: home, replace: (v) => this.homes.set(user, v) };
    }
    return undefined;
  }

  /** A view as Slack stores it: Slack's id and a fresh hash, block ids filled in. */
  makeView(sent: unknown, id?: string): StoredView {
    this.viewCounter += 1;
    const view = (sent && typeof sent === "object" ? sent : {}) as Record<string, unknown>;
    // Slack's own fields win over whatever the app sent: a view id `V…` and a fresh hash per change.
    return {
      ...(view as Partial<StoredView>),
      blocks: withBlockIds(Array.isArray(view.blocks) ? (view.blocks as StoredView["blocks"]) : []),
      type: String(view.type ?? "modal"),
      id: id ?? `V0${String(this.viewCounter).padStart(8, "0")}`,
      team_id: OWN_TEAM,
      hash: `${1_700_000_000 + this.viewCounter}.${String(this.viewCounter).padStart(8, "0")}`,
    };
  }

  /** views.open / push / update / publish with Slack's state: one modal stack per user, one Home per user. */
  private viewsAnswer(method: string, args: Record<string, unknown>): unknown {
    const sent = parseJson(args.view);
    if (!sent || typeof sent !== "object") return { ok: false, error: "invalid_arguments" };
    if (method === "views.open" || method === "views.push") {
      const t = this.useTrigger(args.trigger_id);
      if ("error" in t) return { ok: false, error: t.error };
      const stack = this.modals.get(t.user) ?? [];
      if (method === "views.push" && stack.length === 0 && this.strict)
        return { ok: false, error: "not_found" };
      // Hand-made trigger ids (lenient tests) share one anonymous stack, so only real users get the limit.
      if (method === "views.push" && t.user !== "" && stack.length >= MODAL_STACK_MAX)
        return { ok: false, error: "push_limit_reached" };
      const view = this.makeView(sent);
      this.modals.set(t.user, method === "views.open" ? [view] : [...stack, view]);
      this.changed();
      return { ok: true, view };
    }
    if (method === "views.update") {
      if (typeof args.view_id !== "string" && typeof args.external_id !== "string")
        return { ok: false, error: "invalid_arguments" };
      const found = this.findView(args);
      if (!found) {
        if (this.strict) return { ok: false, error: "not_found" };
        return {
          ok: true,
          view: this.makeView(sent, typeof args.view_id === "string" ? args.view_id : undefined),
        };
      }
      if (typeof args.hash === "string" && args.hash !== found.view.hash)
        return { ok: false, error: "hash_conflict" };
      const view = this.makeView(sent, found.view.id);
      found.replace(view);
      this.changed();
      return { ok: true, view };
    }
    // views.publish
    if (typeof args.user_id !== "string" || args.user_id === "")
      return { ok: false, error: "invalid_arguments" };
    const current = this.homes.get(args.user_id);
    if (current && typeof args.hash === "string" && args.hash !== current.hash)
      return { ok: false, error: "hash_conflict" };
    const view = this.makeView(sent, current?.id);
    this.homes.set(args.user_id, view);
    this.changed();
    return { ok: true, view };
  }

  private ratelimited(res: ServerResponse, call: RecordedCall, retryAfter: number) {
    call.status = 429;
    res.writeHead(429, { "content-type": "application/json", "retry-after": String(retryAfter) });
    res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
  }

  private reply(res: ServerResponse, call: RecordedCall, body: unknown) {
    call.response = body;
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }

  nextTs(): string {
    this.tsCounter += 1;
    // Seconds of the stand-in's clock (the page shows them as times), the counter keeps them unique.
    return `${Math.floor(this.now() / 1000)}.${String(this.tsCounter).padStart(6, "0")}`;
  }

  /** The channels a file can be shared into: the team channel and the DMs opened so far. */
  knowsChannel(id: string): boolean {
    return id === this.channel || this.dms.has(id);
  }

  private completeUpload(args: Record<string, unknown>): unknown {
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
      if (!this.knowsChannel(channel)) return { ok: false, error: "channel_not_found" };
    }
    const done: StandinFile[] = [];
    for (const f of files as { id: string; title?: string }[]) {
      const file = this.files.get(f.id);
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
    return {
      ok: true,
      files: done.map((f) => ({ id: f.id, name: f.filename, title: f.title ?? f.filename, size: f.length })),
    };
  }

  private defaultAnswer(method: string, args: Record<string, unknown>): unknown {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://standin.slack.test/",
          team: "Agentur",
          user: "kundenbot",
          team_id: OWN_TEAM,
          user_id: BOT_USER,
          bot_id: "B0KUNDENBOT",
          is_enterprise_install: false,
        };
      case "chat.postMessage": {
        if (!args.channel) return { ok: false, error: "channel_not_found" };
        if (!args.text && !args.blocks) return { ok: false, error: "no_text" };
        const ts = this.nextTs();
        const blocks = parseJson(args.blocks);
        const threadTs =
          typeof args.thread_ts === "string" && args.thread_ts !== "" ? args.thread_ts : undefined;
        if (threadTs && this.strict && !this.messages.some((m) => m.ts === threadTs))
          return { ok: false, error: "thread_not_found" };
        this.messages.push({
          channel: String(args.channel),
          ts,
          user: BOT_USER,
          text: typeof args.text === "string" ? args.text : undefined,
          blocks: Array.isArray(blocks) ? withBlockIds(blocks) : undefined,
          ...(threadTs ? { threadTs } : {}),
          version: 1,
        });
        this.changed();
        return {
          ok: true,
          channel: args.channel,
          ts,
          message: { text: args.text, ts, blocks },
        };
      }
      case "chat.update": {
        if (!args.channel || !args.ts) return { ok: false, error: "message_not_found" };
        const message = this.messages.find((m) => m.ts === args.ts && m.channel === args.channel);
        if (!message && this.strict) return { ok: false, error: "message_not_found" };
        if (message) {
          if (typeof args.text === "string") message.text = args.text;
          const blocks = parseJson(args.blocks);
          if (Array.isArray(blocks)) message.blocks = withBlockIds(blocks);
          message.version += 1;
          this.changed();
        }
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
      case "chat.delete": {
        const before = this.messages.length;
        this.messages = this.messages.filter((m) => !(m.ts === args.ts && m.channel === args.channel));
        if (before === this.messages.length) return { ok: false, error: "message_not_found" };
        this.changed();
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case "chat.postEphemeral": {
        // Like Slack: only into a channel the stand-in knows, and only to one of its members.
        if (args.channel !== this.channel) return { ok: false, error: "channel_not_found" };
        if (!this.members.includes(String(args.user))) return { ok: false, error: "user_not_in_channel" };
        const ts = this.nextTs();
        const blocks = parseJson(args.blocks);
        this.ephemerals.push({
          channel: this.channel,
          ts,
          user: BOT_USER,
          to: String(args.user),
          text: typeof args.text === "string" ? args.text : undefined,
          blocks: Array.isArray(blocks) ? withBlockIds(blocks) : undefined,
        });
        this.changed();
        return { ok: true, message_ts: ts };
      }
      case "chat.getPermalink":
        return {
          ok: true,
          channel: args.channel,
          permalink: `https://standin.slack.test/archives/${args.channel}/p${String(args.message_ts).replace(".", "")}`,
        };
      case "conversations.members":
        if (args.channel !== this.channel) return { ok: false, error: "channel_not_found" };
        return { ok: true, members: this.members, response_metadata: { next_cursor: "" } };
      case "conversations.info":
        if (args.channel !== this.channel) return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: { id: this.channel, name: "kundenteam", ...this.channelInfo } };
      case "users.info": {
        const known = this.users.get(String(args.user));
        if (!known && this.strict) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id: args.user,
            team_id: this.teamOf(String(args.user)),
            is_bot: this.botUsers.has(String(args.user)),
            is_app_user: false,
            name: String(args.user).toLowerCase(),
            real_name: known?.realName,
            profile: known ? { real_name: known.realName, display_name: known.realName } : {},
            tz: known?.tz ?? "Europe/Berlin",
            locale: "de-DE",
          },
        };
      }
      case "views.open":
      case "views.push":
      case "views.update":
      case "views.publish":
        return this.viewsAnswer(method, args);
      case "conversations.open": {
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
        this.dms.set(id, user);
        return { ok: true, channel: { id } };
      }
      case "files.getUploadURLExternal": {
        const problems: string[] = [];
        if (typeof args.filename !== "string" || args.filename === "")
          problems.push("[ERROR] missing required field: filename");
        const length = Number(args.length);
        if (args.length === undefined || !Number.isInteger(length) || length < 1)
          problems.push("[ERROR] missing required field: length");
        if (problems.length > 0)
          return { ok: false, error: "invalid_arguments", response_metadata: { messages: problems } };
        this.fileCounter += 1;
        const id = `F0${String(this.fileCounter).padStart(9, "0")}`;
        this.files.set(id, { id, filename: String(args.filename), length });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal":
        return this.completeUpload(args);
      case "apps.connections.open":
        return { ok: false, error: "not_allowed_token_type" };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

const MESSAGE_METHODS = new Set(["chat.postMessage", "chat.update", "chat.postEphemeral"]);
const VIEW_METHODS = new Set(["views.open", "views.push", "views.update", "views.publish"]);

/**
 * Slack's own validation of blocks and views, written here on its own (not with blocks/limits.ts),
 * so that a gap in one is caught by the other: an empty string in any field, and more blocks than
 * a message (50) or a view (100) takes. Answers like Slack, with the json-pointer of each problem.
 */
export function invalidBlockKit(method: string, args: Record<string, unknown>) {
  const isMessage = MESSAGE_METHODS.has(method);
  if (!isMessage && !VIEW_METHODS.has(method)) return undefined;
  const errors: string[] = [];
  const emptyStrings = (node: unknown, pointer: string) => {
    if (node === "") errors.push(`[ERROR] must be more than 0 characters [json-pointer:${pointer}]`);
    else if (Array.isArray(node))
      node.forEach((n, i) => {
        emptyStrings(n, `${pointer}/${i}`);
      });
    else if (node && typeof node === "object")
      for (const [k, v] of Object.entries(node))
        emptyStrings(v, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  };
  const tooMany = (blocks: unknown, pointer: string, max: number) => {
    if (Array.isArray(blocks) && blocks.length > max)
      errors.push(`[ERROR] no more than ${max} items allowed [json-pointer:${pointer}]`);
  };
  if (isMessage) {
    const blocks = parseJson(args.blocks);
    tooMany(blocks, "/blocks", 50);
    emptyStrings(blocks, "/blocks");
  } else {
    const view = parseJson(args.view) as Record<string, unknown> | undefined;
    if (view && typeof view === "object") {
      tooMany(view.blocks, "/view/blocks", 100);
      // Only what is known to be checked: the blocks and the view's own text objects. Whether Slack
      // refuses an empty private_metadata or callback_id is not documented (blocks/limits.ts does).
      for (const key of ["blocks", "title", "submit", "close"]) emptyStrings(view[key], `/view/${key}`);
      for (const key of ["title", "submit", "close"]) {
        const text = (view[key] as { text?: unknown } | undefined)?.text;
        if (typeof text === "string" && text.length > 24)
          errors.push(`[ERROR] must be less than 25 characters [json-pointer:/view/${key}/text]`);
      }
    }
  }
  if (errors.length === 0) return undefined;
  return {
    ok: false,
    error: isMessage ? "invalid_blocks" : "invalid_arguments",
    response_metadata: { messages: errors },
  };
}

/** Slack fills in a block_id (and an action_id) where the app sent none; clicks carry them. */
export function withBlockIds<T>(blocks: T[]): T[] {
  return blocks.map((b, i) => {
    if (!b || typeof b !== "object") return b;
    const block = { ...(b as Record<string, unknown>) };
    block.block_id ??= `b${i}`;
    const fill = (e: unknown, j: number) =>
      e &&
      typeof e === "object" &&
      "type" in e &&
      !("action_id" in e) &&
      e.type !== "mrkdwn" &&
      e.type !== "plain_text" &&
      e.type !== "image"
        ? { ...e, action_id: `a${i}_${j}` }
        : e;
    if (Array.isArray(block.elements) && block.type === "actions") block.elements = block.elements.map(fill);
    if (block.accessory) block.accessory = fill(block.accessory, 0);
    if (block.element) block.element = fill(block.element, 0);
    return block as T;
  });
}

function parseJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = v;
  return out;
}
