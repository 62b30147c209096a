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
export function createHttpServer(routes: Route[], log: Logger): Server {
  const table = new Map(routes.map((r) => [`${r.method} ${r.path}`, r.handler]));
  const paths = new Set(routes.map((r) => r.path));
  const server = createServer(serverOptions, async (req, res) => {
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
  // Headers within 10 s, the whole request within 30 s (far above Slack's 3 s for an answer).
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}
