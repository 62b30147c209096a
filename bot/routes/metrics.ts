import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { AuthFailureBrake } from "../http/auth-failure-brake.ts";
import type { Route } from "../http/server.ts";
import { refuseWrongToken } from "../http/token-guard.ts";
import type { Metrics } from "../metrics/metrics.ts";

/**
 * GET /metrics: Prometheus' text format; with METRICS_TOKEN set, only with that bearer token, behind
 * the same brake on guessing as the intake API.
 */
export function metricsRoute(
  config: Pick<Config, "metricsToken">,
  metrics: Metrics,
  guard: { brake: AuthFailureBrake; log: Logger },
): Route {
  return {
    method: "GET",
    path: "/metrics",
    handler: async (req, res) => {
      req.resume();
      const token = config.metricsToken;
      if (token && refuseWrongToken(req, res, { token, ...guard, what: "metrics" })) return;
      const text = await metrics.text();
      res.writeHead(200, { "content-type": metrics.contentType, "cache-control": "no-store" });
      res.end(text);
    },
  };
}
