import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A webhook receiver on loopback, as an agency's n8n or CRM would run one. It verifies every
 * delivery with its own implementation of the Standard Webhooks signature (WebCrypto's HMAC, not
 * the app's node:crypto code), and can answer 500, hang, or be down (stopped and started again on
 * the same port).
 */

export interface Delivery {
  id: string;
  timestamp: number;
  signature: string;
  /** The signature matched the body, id and timestamp under the secret. */
  valid: boolean;
  body: string;
  event: { type: string; timestamp: string; data: Record<string, unknown> };
  receivedAt: number;
  /** What the receiver answered (0: it hung). */
  answered: number;
}

export type ReceiverMode =
  | { kind: "ok"; delayMs?: number }
  | { kind: "status"; status: number }
  | { kind: "hang" };

/** Standard Webhooks' symmetric scheme, verified with WebCrypto. */
export async function verifyStandardWebhook(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
): Promise<boolean> {
  if (!secret.startsWith("whsec_") || headers.id.includes(".") || !/^\d+$/.test(headers.timestamp))
    return false;
  const key = await crypto.subtle.importKey(
    "raw",
    Uint8Array.from(atob(secret.slice("whsec_".length)), (c) => c.charCodeAt(0)),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign(
      "HMAC",
      key,
      new TextEncoder().encode(`${headers.id}.${headers.timestamp}.${body}`),
    ),
  );
  const expected = btoa(String.fromCharCode(...mac));
  // The header is a space-separated list of versioned signatures; one v1 match is enough.
  return headers.signature.split(" ").some((s) => {
    const [version, value] = s.split(",");
    return version === "v1" && value !== undefined && value.length === expected.length && value === expected;
  });
}

export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  mode: ReceiverMode = { kind: "ok" };
  /** Answers in order, before `mode` applies (e.g. a 500, then a hang); `match` limits one to some events. */
  readonly script: (ReceiverMode & { match?: (event: Delivery["event"]) => boolean })[] = [];
  private server: Server | undefined;
  private hanging = new Set<ServerResponse>();
  port = 0;

  constructor(readonly secret: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/kundenbot`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Down: closes the port (connections refused) until `start()` again. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Valid deliveries, the first of each webhook-id. */
  uniqueEvents(): Delivery[] {
    const seen = new Set<string>();
    return this.deliveries.filter(
      (d) => d.answered >= 200 && d.answered < 300 && !seen.has(d.id) && seen.add(d.id),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const header = (name: string) => String(req.headers[name] ?? "");
    const id = header("webhook-id");
    const timestamp = header("webhook-timestamp");
    const signature = header("webhook-signature");
    const valid = await verifyStandardWebhook(this.secret, { id, timestamp, signature }, body);
    const event = JSON.parse(body) as Delivery["event"];
    const scripted = this.script.findIndex((s) => !s.match || s.match(event));
    const mode = scripted >= 0 ? (this.script.splice(scripted, 1)[0] as ReceiverMode) : this.mode;
    const delivery: Delivery = {
      id,
      timestamp: Number(timestamp),
      signature,
      valid,
      body,
      event,
      receivedAt: Date.now(),
      answered: 0,
    };
    this.deliveries.push(delivery);
    if (mode.kind === "hang") {
      this.hanging.add(res);
      res.on("close", () => this.hanging.delete(res));
      return;
    }
    if (mode.kind === "ok" && mode.delayMs) await new Promise((r) => setTimeout(r, mode.delayMs));
    const status = !valid ? 401 : mode.kind === "status" ? mode.status : 204;
    delivery.answered = status;
    res.writeHead(status).end();
  }
}
