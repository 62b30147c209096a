import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isSameOrigin } from "./same-origin.ts";
import { invalidBlockKit, withBlockIds } from "./slack-standin/block-kit.ts";
import { type Fault, Faults } from "./slack-standin/faults.ts";
import { METHODS } from "./slack-standin/methods.ts";
import { PostRateLimit } from "./slack-standin/rate-limit.ts";
import { ResponseUrls } from "./slack-standin/response-urls.ts";
import {
  BOT_USER,
  type EphemeralMessage,
  type MethodHandler,
  OWN_TEAM,
  type RecordedCall,
  type RecordedResponse,
  type ResponseContext,
  type StandinFile,
  type StandinOptions,
  type StandinState,
  type StandinUser,
  type StoredMessage,
  type StoredView,
} from "./slack-standin/types.ts";
import { handleUpload } from "./slack-standin/uploads.ts";
import { makeView, TriggerIds } from "./slack-standin/views.ts";
import { parseArgs, readBody } from "./slack-standin/wire.ts";

/**
 * A Slack Web API stand-in: a real HTTP server that answers the methods kundenbot uses the way
 * Slack does, records every call, and can inject faults (429 with Retry-After, HTTP 500, delays,
 * Slack errors) and enforce Slack's per-channel posting rate.
 *
 * This file holds the workspace's state and the request path; each method family answers in its
 * own file under slack-standin/ (chat, conversations, users, views, uploads, auth), as do fault
 * injection, the posting rate, response_urls and Slack's Block Kit validation.
 */

export type { Fault } from "./slack-standin/faults.ts";
export * from "./slack-standin/types.ts";
export { invalidBlockKit, withBlockIds };

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
  /** Files of the external upload, by file id. */
  readonly files = new Map<string, StandinFile>();
  /** Direct-message channels opened with conversations.open: channel id → user. */
  readonly dms = new Map<string, string>();
  readonly users = new Map<string, StandinUser>();
  readonly strict: boolean;
  /** Channel messages and their thread replies, in posting order. */
  messages: StoredMessage[] = [];
  ephemerals: EphemeralMessage[] = [];
  /** Open modals per user, the top one last. */
  readonly modals = new Map<string, StoredView[]>();
  /** App Home per user. */
  homes = new Map<string, StoredView>();
  /** The trigger ids handed out (views.open and views.push use them up). */
  readonly triggers = new TriggerIds();
  /** Message ts and view ids issued so far (they survive a restart). */
  readonly counters = { ts: 0, view: 0 };
  /** Called after every change of messages, modals or homes (the sandbox page listens). */
  onChange: (() => void) | undefined;
  /** Called when a Web API call arrives, before it is answered (benchmarks time the arrival). */
  onCall: ((call: RecordedCall) => void) | undefined;
  /** The workspace's address (auth.test → url): message links start with it. The sandbox sets its page's. */
  workspaceUrl = "https://standin.slack.test/";
  /** The stand-in's clock, for response_url expiry; tests may replace it. */
  now: () => number = Date.now;
  private server: Server;
  private faults: Faults;
  private postRate: PostRateLimit;
  private responseUrls = new ResponseUrls();
  private handlers = new Map<string, MethodHandler>();
  port = 0;

  constructor(opts: StandinOptions = {}) {
    this.members = opts.members ?? ["U0MEMBER01"];
    for (const u of opts.users ?? []) this.users.set(u.id, u);
    this.strict = opts.strict ?? false;
    this.channel = opts.channel ?? "CTEAM0001";
    this.postRate = new PostRateLimit(opts.postRate);
    this.faults = new Faults(opts.seed);
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
    const id = this.responseUrls.issue(this.now(), context);
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** A fresh trigger_id for `user`, as Slack puts into a click, a command or a submission. */
  triggerId(user: string): string {
    return this.triggers.issue(user, this.now());
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
      counters: { ts: this.counters.ts, view: this.counters.view },
      dms: Object.fromEntries(this.dms),
      // Only shared files: an announced upload that never completed is gone after a restart, as in Slack.
      files: [...this.files.values()]
        .filter((f) => f.channel && f.bytes)
        .map((f) => ({ ...f, bytes: (f.bytes as Buffer).toString("base64") })),
    };
  }

  restore(state: StandinState): this {
    this.messages = state.messages;
    this.ephemerals = state.ephemerals;
    this.homes = new Map(Object.entries(state.homes));
    this.counters.ts = state.counters.ts;
    this.counters.view = state.counters.view;
    this.dms.clear();
    for (const [id, user] of Object.entries(state.dms ?? {})) this.dms.set(id, user);
    this.files.clear();
    for (const f of state.files ?? []) this.files.set(f.id, { ...f, bytes: Buffer.from(f.bytes, "base64") });
    return this;
  }

  /** Forgets every message, modal and Home (the sandbox's Zurücksetzen). */
  clearState(): void {
    this.messages = [];
    this.ephemerals = [];
    this.modals.clear();
    this.homes.clear();
    this.triggers.clear();
    this.dms.clear();
    this.files.clear();
    this.changed();
  }

  /**
   * Forgets the ephemeral messages and App Home views whose text contains one of `needles` (lower
   * case): after an erasure, nothing the sandbox keeps in slack-state.json names the person. Slack
   * itself keeps neither for long (an ephemeral message is gone after a reload; a Home is published
   * anew when it is opened).
   */
  forgetNaming(needles: string[]): number {
    const names = (x: unknown) => {
      const text = JSON.stringify(x).toLowerCase();
      return needles.some((n) => n !== "" && text.includes(n));
    };
    const before = this.ephemerals.length + this.homes.size;
    this.ephemerals = this.ephemerals.filter((e) => !names(e));
    for (const [user, home] of this.homes) if (names(home)) this.homes.delete(user);
    const forgotten = before - this.ephemerals.length - this.homes.size;
    if (forgotten > 0) this.changed();
    return forgotten;
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
    this.faults.add(method, fault, opts);
    return this;
  }

  clearFaults(): this {
    this.faults.clear();
    return this;
  }

  setRate(rate: StandinOptions["postRate"]): this {
    this.postRate.set(rate);
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
    this.faults.clear();
    this.postRate.clear();
  }

  /** Waits until `predicate` holds over the recorded calls (polling), or throws after `timeoutMs`. */
  async waitFor(predicate: (s: this) => boolean, timeoutMs = 5_000, what = "condition"): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > until) throw new Error(`Slack stand-in: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  nextTs(): string {
    this.counters.ts += 1;
    // Seconds of the stand-in's clock (the page shows them as times), the counter keeps them unique.
    return `${Math.floor(this.now() / 1000)}.${String(this.counters.ts).padStart(6, "0")}`;
  }

  /** A view as Slack stores it: Slack's id and a fresh hash, block ids filled in. */
  makeView(sent: unknown, id?: string): StoredView {
    return makeView(this, sent, id);
  }

  /** The direct-message channel of the bot with `user`, once conversations.open opened it. */
  dmChannelOf(user: string): string | undefined {
    for (const [id, u] of this.dms) if (u === user) return id;
    return undefined;
  }

  /** The channels a file can be shared into: the team channel and the DMs opened so far. */
  knowsChannel(id: string): boolean {
    return id === this.channel || this.dms.has(id);
  }

  /** One request: a response_url, an upload, or a Web API call (recorded, faults, rate, validation, answer). */
  private async handle(req: IncomingMessage, res: ServerResponse) {
    // Like the page: only by its own loopback name, never from a page on another origin (DNS
    // rebinding), which could otherwise post to response_urls or call the Web API.
    if (!isSameOrigin(req, this.port)) {
      req.resume();
      res.writeHead(403, { "content-type": "text/plain; charset=utf-8" });
      res.end("forbidden: not addressed to this stand-in by its own loopback name");
      return;
    }
    if (req.url?.startsWith("/response/")) return this.responseUrls.handle(this, req, res);
    if (req.url?.startsWith("/upload/")) return handleUpload(this, req, res);
    const method = (req.url ?? "").split("?")[0]?.split("/").filter(Boolean).pop() ?? "";
    const raw = (await readBody(req)).toString("utf8");
    const args = parseArgs(raw, req.headers["content-type"] ?? "");
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice(7) : (args.token as string | undefined);
    const call: RecordedCall = { method, args, token, at: Date.now(), status: 200 };
    this.calls.push(call);
    this.onCall?.(call);

    const f = await this.faults.take(method);
    if (f?.kind === "ratelimited") return this.ratelimited(res, call, f.retryAfter);
    if (f?.kind === "http") {
      call.status = f.status;
      res.writeHead(f.status, { "content-type": "text/plain" });
      res.end("stand-in fault");
      return;
    }
    if (f?.kind === "error") return this.reply(res, call, { ok: false, error: f.error });

    if (method === "chat.postMessage") {
      const retryAfter = this.postRate.take(String(args.channel ?? ""));
      if (retryAfter !== undefined) return this.ratelimited(res, call, retryAfter);
    }

    const invalid = invalidBlockKit(method, args);
    if (invalid) return this.reply(res, call, invalid);

    const answer = this.handlers.get(method) ?? METHODS.get(method);
    const body = answer ? await answer(args, this) : { ok: false, error: "unknown_method" };
    return this.reply(res, call, body);
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
}
