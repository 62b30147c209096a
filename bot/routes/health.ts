import type { Database } from "../db/client.ts";
import { sendJson } from "../http/respond.ts";
import type { Route } from "../http/server.ts";

/** `details`: the state of parts that may be down while the bot still works (the mailbox watcher). */
export function healthRoute(db: Database, details: () => Record<string, unknown> = () => ({})): Route {
  return {
    method: "GET",
    path: "/healthz",
    handler: async (_req, res) => {
      if (await db.ping()) sendJson(res, 200, { status: "ok", ...details() });
      else sendJson(res, 503, { status: "unavailable", error: "database does not answer" });
    },
  };
}
