import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { readBody, sendJson } from "../bot/http/respond.ts";
import type { RequestGuard, Route } from "../bot/http/server.ts";
import { type Bridge, rawValues } from "./bridge.ts";
import type { MailFolder } from "./mails.ts";
import { fragments, pageHtml, type Scene } from "./page.ts";
import {
  DEFAULT_PERSON,
  isSandboxPerson,
  SANDBOX_PEOPLE,
  SANDBOX_TEAM_CHANNEL,
  SANDBOX_TZ,
} from "./people.ts";
import { isSameOrigin } from "./same-origin.ts";
import type { SlackStandin } from "./slack-standin.ts";

/**
 * The sandbox page's routes on the bot's own server: the page, its fragments and live updates
 * (server-sent events), and the bridge actions. Each body is parsed with zod; bad input is a 400.
 */

export interface SandboxRoutesOptions {
  standin: SlackStandin;
  bridge: Bridge;
  mails: MailFolder;
  simulate(kind: "inquiry" | "invitation"): Promise<void>;
  /** **Antwort simulieren**: the prospect's reply to this mail, through the mailbox's path. */
  simulateReply(file: string): Promise<void>;
  reset(): Promise<void>;
  now: () => Date;
}

const person = z.string().refine(isSandboxPerson, "must be one of the sandbox's people");
const where = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message"), ts: z.string().min(1).max(40), ephemeral: z.boolean() }),
  z.object({ type: z.literal("view"), viewId: z.string().min(1).max(40), values: rawValues }),
]);
const bodies = {
  message: z.object({ user: person, text: z.string().min(1).max(4000) }),
  action: z.object({
    user: person,
    where,
    blockId: z.string().max(255),
    actionId: z.string().max(255),
    selected: z.object({ value: z.string().max(2000), text: z.string().max(2000) }).optional(),
  }),
  submit: z.object({ user: person, viewId: z.string().min(1).max(40), values: rawValues }),
  close: z.object({ user: person, viewId: z.string().min(1).max(40) }),
  suggest: z.object({
    user: person,
    viewId: z.string().min(1).max(40),
    blockId: z.string().max(255),
    actionId: z.string().max(255),
    value: z.string().max(200),
  }),
  home: z.object({ user: person }),
  simulate: z.object({ user: person.optional(), kind: z.enum(["inquiry", "invitation"]) }),
  reply: z.object({ user: person.optional(), file: z.string().regex(/^[\w.-]{1,200}\.eml$/) }),
  reset: z.object({ user: person.optional() }),
};

async function readJson<T extends z.ZodType>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: T,
): Promise<z.infer<T> | undefined> {
  // JSON only: a cross-site form cannot send it without a CORS preflight, which we never answer.
  if (!(req.headers["content-type"] ?? "").startsWith("application/json")) {
    sendJson(res, 415, { error: "Content-Type must be application/json" });
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse((await readBody(req, 256 * 1024)).toString("utf8"));
  } catch {
    sendJson(res, 400, { error: "the body is not JSON" });
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    sendJson(res, 400, {
      error: "the body does not fit",
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
    return undefined;
  }
  return parsed.data;
}

/** Only the page's own address: a page on another origin (DNS rebinding) gets 403. */
export function sameOriginGuard(port: () => number): RequestGuard {
  return (req) => isSameOrigin(req, port());
}

export function sandboxRoutes(opts: SandboxRoutesOptions): {
  routes: Route[];
  notify(): void;
  /** Ends every open page's event stream (at stop: an open stream would hold the server open). */
  closeStreams(): void;
} {
  const { standin, bridge } = opts;
  const clients = new Set<ServerResponse>();
  let pending: NodeJS.Timeout | undefined;
  let version = 0;
  // Several changes in a row (post, update, publish) become one event.
  const notify = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      version += 1;
      for (const c of clients) c.write(`event: change\ndata: ${version}\n\n`);
    }, 25);
  };

  const names = Object.fromEntries(SANDBOX_PEOPLE.map((p) => [p.id, p.realName]));
  const scene = async (user: string): Promise<Scene> => {
    const stack = standin.modals.get(user) ?? [];
    const dm = standin.dmChannelOf(user);
    const dms = dm ? standin.messages.filter((m) => m.channel === dm) : [];
    const member = standin.members.includes(user);
    const messages = standin.messages.filter((m) => m.channel === SANDBOX_TEAM_CHANNEL.id);
    const files: Scene["files"] = {};
    // Files in the viewer's DMs, and those shared in the team channel when the viewer is a member.
    for (const id of [...dms, ...(member ? messages : [])].flatMap((m) => m.files ?? [])) {
      const f = standin.files.get(id);
      if (f) files[id] = { id: f.id, filename: f.filename, title: f.title, length: f.length };
    }
    return {
      user,
      member,
      messages,
      dms,
      files,
      ephemerals: standin.ephemerals,
      modal: stack.at(-1),
      stackDepth: stack.length,
      home: standin.homes.get(user),
      mails: await opts.mails.list(),
      // Newest first, as in an emulator's log.
      log: {
        requests: bridge.traffic.slice(-20).reverse(),
        calls: standin.calls.slice(-30).reverse().map(callForLog),
      },
      ctx: {
        users: { ...names, U0KUNDENBOT: "kundenbot" },
        channels: { [SANDBOX_TEAM_CHANNEL.id]: SANDBOX_TEAM_CHANNEL.name },
        tz: SANDBOX_TZ,
        now: opts.now(),
      },
    };
  };
  const viewer = (req: IncomingMessage) => {
    const als = new URL(req.url ?? "/", "http://x").searchParams.get("als") ?? DEFAULT_PERSON;
    return isSandboxPerson(als) ? als : DEFAULT_PERSON;
  };
  const ok = (res: ServerResponse, body: unknown = { ok: true }) => sendJson(res, 200, body);
  const page = async (req: IncomingMessage, res: ServerResponse) => {
    const html = pageHtml(await scene(viewer(req)));
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      // The page loads nothing from elsewhere, and no other site may frame it.
      "content-security-policy":
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      "x-content-type-options": "nosniff",
    });
    res.end(html);
  };
  const post = <T extends z.ZodType>(
    path: string,
    schema: T,
    run: (body: z.infer<T>, res: ServerResponse) => Promise<void>,
  ): Route => ({
    method: "POST",
    path,
    handler: async (req, res) => {
      const body = await readJson(req, res, schema);
      if (body !== undefined) await run(body, res);
    },
  });

  const routes: Route[] = [
    { method: "GET", path: "/", handler: page },
    { method: "GET", path: "/favicon.ico", handler: favicon },
    {
      method: "GET",
      path: "/sandbox/file",
      handler: (req, res) => sendFile(standin, req, res),
    },
    {
      method: "GET",
      path: "/sandbox/fragments",
      handler: async (req, res) => ok(res, fragments(await scene(viewer(req)))),
    },
    {
      method: "GET",
      path: "/sandbox/events",
      handler: (req, res) => {
        res.writeHead(200, {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-store",
          connection: "keep-alive",
        });
        res.write(`retry: 1000\n\n`);
        clients.add(res);
        req.on("close", () => clients.delete(res));
      },
    },
    post("/sandbox/message", bodies.message, async (b, res) => {
      if (b.text.startsWith("/")) await bridge.command(b.user, b.text);
      else {
        // Plain chat: shown in the channel like any message; the bot does not read the channel.
        standin.messages.push({
          channel: SANDBOX_TEAM_CHANNEL.id,
          ts: standin.nextTs(),
          user: b.user,
          text: b.text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
          version: 1,
        });
        standin.changed();
      }
      ok(res);
    }),
    post("/sandbox/action", bodies.action, async (b, res) => {
      ok(res, await bridge.action(b.user, b.where, b.blockId, b.actionId, { selected: b.selected }));
    }),
    post("/sandbox/submit", bodies.submit, async (b, res) =>
      ok(res, await bridge.submit(b.user, b.viewId, b.values)),
    ),
    post("/sandbox/close", bodies.close, async (b, res) => {
      await bridge.close(b.user, b.viewId);
      ok(res);
    }),
    post("/sandbox/suggest", bodies.suggest, async (b, res) =>
      ok(res, { options: await bridge.suggest(b.user, b.viewId, b.blockId, b.actionId, b.value) }),
    ),
    post("/sandbox/home", bodies.home, async (b, res) => {
      await bridge.homeOpened(b.user);
      ok(res);
    }),
    post("/sandbox/simulate", bodies.simulate, async (b, res) => {
      await opts.simulate(b.kind);
      ok(res);
    }),
    post("/sandbox/reply", bodies.reply, async (b, res) => {
      await opts.simulateReply(b.file);
      ok(res);
    }),
    post("/sandbox/reset", bodies.reset, async (_b, res) => {
      await opts.reset();
      bridge.traffic.length = 0;
      notify();
      ok(res);
    }),
  ];
  const closeStreams = () => {
    for (const c of clients) c.end();
    clients.clear();
  };
  return { routes, notify, closeStreams };
}

/** A Web API call for the JSON panel: the token is the sandbox's own, but still not shown. */
function callForLog(c: SlackStandin["calls"][number]) {
  return {
    at: new Date(c.at).toISOString(),
    method: c.method,
    args: c.args,
    status: c.status,
    response: c.response,
  };
}

const FAVICON = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2eb67d"/><text x="16" y="22" font-family="sans-serif" font-size="15" font-weight="700" fill="#fff" text-anchor="middle">kb</text></svg>',
);

/** The browser asks for /favicon.ico on its own: the app icon, instead of a 404 in the console. */
function favicon(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { "content-type": "image/svg+xml", "cache-control": "max-age=86400" });
  res.end(FAVICON);
}

const FILE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  json: "application/json",
  csv: "text/csv; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  pdf: "application/pdf",
};
const INLINE = new Set(["png", "jpg", "jpeg", "gif", "webp"]);

/**
 * A shared file, for the person it was shared with: a file in someone's direct messages only for
 * them, one in the team channel only for its members. `inline=1` shows a picture in the page;
 * everything else downloads. The file never runs as a page of ours (sandboxed, no sniffing).
 */
function sendFile(standin: SlackStandin, req: IncomingMessage, res: ServerResponse) {
  const q = new URL(req.url ?? "/", "http://x").searchParams;
  const user = q.get("als") ?? "";
  const file = standin.files.get(q.get("id") ?? "");
  const allowed =
    file?.bytes &&
    isSandboxPerson(user) &&
    (file.channel === standin.dmChannelOf(user) ||
      (file.channel === SANDBOX_TEAM_CHANNEL.id && standin.members.includes(user)));
  if (!file?.bytes || !allowed) {
    sendJson(res, 404, { error: "no such file for this person" });
    return;
  }
  const ext = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? "";
  const inline = q.get("inline") === "1" && INLINE.has(ext);
  const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  res.writeHead(200, {
    "content-type": FILE_TYPES[ext] ?? "application/octet-stream",
    "content-length": String(file.bytes.length),
    "content-disposition": `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    "content-security-policy": "default-src 'none'; sandbox",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
  });
  res.end(file.bytes);
}
