import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on loopback for tests. `refuse` answers recipients with a 5xx or 4xx code;
 * `stop()` and `start()` again on the same port simulate an outage.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Per recipient address: an SMTP code to answer RCPT TO with (e.g. 550 or 451). */
  refuse = new Map<string, number>();
  port = 0;
  private server: SMTPServer | undefined;

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo: (address, _session, cb) => {
        const code = this.refuse.get(address.address.toLowerCase());
        if (code) {
          const err = new Error(code >= 500 ? "5.1.1 User unknown" : "4.2.0 Try again later") as Error & {
            responseCode: number;
          };
          err.responseCode = code;
          cb(err);
          return;
        }
        cb();
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", async () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          this.received.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            raw,
            parsed: await simpleParser(raw),
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => this.server?.listen(port, "127.0.0.1", () => resolve()));
    this.port = (
      (this.server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo
    ).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
