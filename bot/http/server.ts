import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { sendJson } from "./respond.ts";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface Route {
  method: "GET" | "POST";
  path: string;
  handler: RouteHandler;
}

/**
 * The one HTTP server of the process: Slack's requests (HTTP mode), the intake API and /healthz.
 * It only routes; each route's handler does its own parsing.
 */
export function createHttpServer(routes: Route[], log: Logger): Server {
  const table = new Map(routes.map((r) => [`${r.method} ${r.path}`, r.handler]));
  const paths = new Set(routes.map((r) => r.path));
  const server = createServer(async (req, res) => {
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
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}
