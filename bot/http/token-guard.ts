import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { AuthFailureBrake } from "./auth-failure-brake.ts";
import { tokenMatches } from "./bearer.ts";
import { sendJson } from "./respond.ts";

/**
 * A route's bearer token check, with the brake on guessing: a wrong or missing token is answered
 * 401, and past the brake's limit 429 with Retry-After (logged once per address and window).
 * Returns true when the request was refused (and answered); the caller then stops.
 */
export function refuseWrongToken(
  req: IncomingMessage,
  res: ServerResponse,
  opts: { token: string; brake: AuthFailureBrake; log: Logger; what: string },
): boolean {
  if (tokenMatches(req.headers.authorization, opts.token)) return false;
  req.resume();
  // The socket's address, not X-Forwarded-For: a client can write any header it likes.
  const address = req.socket.remoteAddress ?? "unknown";
  const verdict = opts.brake.fail(address);
  if (!verdict.allowed) {
    if (verdict.firstThisWindow) {
      opts.log.warn(
        { address, retryAfterSeconds: verdict.retryAfterSeconds },
        `more than 10 requests with a wrong or missing ${opts.what} token within a minute: refusing them from this address`,
      );
    }
    sendJson(
      res,
      429,
      {
        error: `too many requests with a wrong or missing token; try again in ${verdict.retryAfterSeconds} s`,
      },
      { "retry-after": String(verdict.retryAfterSeconds) },
    );
    return true;
  }
  sendJson(res, 401, { error: "missing or wrong bearer token" }, { "www-authenticate": "Bearer" });
  return true;
}
