import type { IncomingMessage } from "node:http";

/**
 * Whether a request is addressed to this loopback server by its own name: `Host` is
 * `127.0.0.1:<port>` or `localhost:<port>`, and an `Origin`, when a browser sends one, is the same.
 * A page on another origin (DNS rebinding: evil.example resolving to 127.0.0.1) fails it. The
 * sandbox's page and its stand-in of Slack both check it.
 */
export function isSameOrigin(req: IncomingMessage, port: number): boolean {
  const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (!allowed.has(req.headers.host ?? "")) return false;
  const origin = req.headers.origin;
  return (
    origin === undefined || (origin.startsWith("http://") && allowed.has(origin.slice("http://".length)))
  );
}
