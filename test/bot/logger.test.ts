import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { boltLogger, createLogger } from "../../bot/logger.ts";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  const log = createLogger({ level: "debug", destination });
  return { log, lines, text: () => lines.join("\n") };
}

describe("logger", () => {
  it("redacts tokens, secrets, e-mail addresses and phone numbers", async () => {
    const { log, text } = capture();
    log.info(
      {
        token: "xoxb-123-456-secret",
        config: { signingSecret: "s3cr3t-value", smtpUrl: "smtp://u:p@h" },
        inquiry: { email: "max@example.com", phone: "+49 171 1234567", name: "Max" },
      },
      "got token xoxb-999-888-abc from max.mustermann@example.org, call +49 (30) 123-4567",
    );
    log.error({ err: new Error("login failed for anna@example.de with xapp-1-A1-zzz") }, "failed");
    const out = text();
    for (const secret of [
      "xoxb-123-456-secret",
      "s3cr3t-value",
      "max@example.com",
      "1234567",
      "xoxb-999-888-abc",
      "max.mustermann@example.org",
      "123-4567",
      "anna@example.de",
      "xapp-1-A1-zzz",
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('"name":"Max"');
    expect(out).toContain("[redacted]");
    expect(out).toContain("[email]");
  });

  it("lets Bolt log through pino", () => {
    const { log, lines } = capture();
    const bolt = boltLogger(log);
    bolt.setName("bolt-app");
    bolt.warn("socket", "reconnecting", { attempt: 2 });
    const line = JSON.parse(lines.at(-1) ?? "{}");
    expect(line).toMatchObject({ level: 40, module: "bolt-app", msg: 'socket reconnecting {"attempt":2}' });
  });
});
