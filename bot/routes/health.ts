import type { Database } from "../db/client.ts";
import { sendJson } from "../http/respond.ts";
import type { Route } from "../http/server.ts";

export function healthRoute(db: Database): Route {
  return {
    method: "GET",
    path: "/healthz",
    handler: async (_req, res) => {
      if (await db.ping()) sendJson(res, 200, { status: "ok" });
      else sendJson(res, 503, { status: "unavailable", error: "database does not answer" });
    },
  };
}
