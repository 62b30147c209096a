import type { Config } from "../config.ts";
import { tokenMatches } from "../http/bearer.ts";
import { sendJson } from "../http/respond.ts";
import type { Route } from "../http/server.ts";
import type { Metrics } from "../metrics/metrics.ts";

/** GET /metrics: Prometheus' text format; with METRICS_TOKEN set, only with that bearer token. */
export function metricsRoute(config: Pick<Config, "metricsToken">, metrics: Metrics): Route {
  return {
    method: "GET",
    path: "/metrics",
    handler: async (req, res) => {
      req.resume();
      if (config.metricsToken && !tokenMatches(req.headers.authorization, config.metricsToken)) {
        return sendJson(
          res,
          401,
          { error: "missing or wrong bearer token" },
          { "www-authenticate": "Bearer" },
        );
      }
      const text = await metrics.text();
      res.writeHead(200, { "content-type": metrics.contentType, "cache-control": "no-store" });
      res.end(text);
    },
  };
}
