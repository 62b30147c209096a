import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from "node:http";
import type { Logger } from "pino";
import { sendJson } from "./respond.ts";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface Route {
  method: "GET" | "POST";
  path: string;
  handler: RouteHandler;
}

/** Says whether a request may reach the routes at all; a refusal is answered with 403. */
export type RequestGuard = (req: IncomingMessage) => boolean;

const serverOptions: ServerOptions = {
  // Node enforces headersTimeout and requestTimeout only on this tick (30 s by default), so a slow
  // client (slowloris) would keep its socket for up to 40 s instead of 10.
  connectionsCheckingInterval: 1_000,
  // Node's default, stated: Slack's and integrators' headers are far smaller.
  maxHeaderSize: 16 * 1024,
};

/**
 * The one HTTP server of the process: Slack's requests (HTTP mode), the intake API and /healthz.
 * It only routes; each route's handler does its own parsing.
 */
export function createHttpServer(routes: Route[], log: Logger, guard?: RequestGuard): Server {
  const table = new Map(routes.map((r) => [`${r.method} ${r.path}`, r.handler]));
  const paths = new Set(routes.map((r) => r.path));
  const server = createServer(serverOptions, async (req, res) => {
    if (guard && !guard(req)) {
      req.resume();
      sendJson(res, 403, { error: "this Host or Origin is not allowed" });
      return;
    }
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const handler = table.get(`${req.method} ${path}`);
    if (!handler) {
      req.resume();
      if (paths.has(path)) sendJson(res, 405, { error: `method ${req.method} not allowed on ${path}` });
      else sendJson(res, 404, { error: `no route ${path}` });
      return;
    }
    try {
      await handler(req, res);
    } catch (err) {
      log.error({ err, path }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.end();
    }
  });
  // An idle connection stays open 65 s, longer than the clients' and proxies' own idle timeouts
  // (nginx and load balancers: 60 s): when the server closed first, a client's next request on
  // that socket would fail, and after a quiet spell a burst of clicks would wait for new TCP
  // connections (measured by `npm run bench -- decisions` with BENCH_ONE_AT_A_TIME=1000).
  server.keepAliveTimeout = 65_000;
  // Headers within 10 s, the whole request within 30 s (far above Slack's 3 s for an answer).
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}
