import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { boltLogger, createLogger, scrub } from "../../bot/logger.ts";

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

describe("Bolt's and the Web API client's payload logs", () => {
  it("keep the method, ids and the error code, and drop what people wrote", () => {
    const { log, lines } = capture();
    const bolt = boltLogger(log);
    bolt.debug("apiCall('chat.update') start");
    bolt.debug(
      `http request result: ${JSON.stringify({ ok: false, error: "invalid_blocks", channel: "CTEAM0001", message: { text: "Hallo Quirinus", blocks: [{ type: "section" }] } })}`,
    );
    bolt.debug(`ack() call begins (body: ${JSON.stringify({ view: { title: "Quirinus" } })})`);
    bolt.error("Slack API error: invalid_blocks", { data: { error: "invalid_blocks", text: "Quirinus" } });
    const out = lines.join("\n");
    expect(out).not.toContain("Quirinus");
    expect(out).toContain("apiCall('chat.update') start");
    expect(out).toContain('\\"error\\":\\"invalid_blocks\\"');
    expect(out).toContain("CTEAM0001");
  });
});

describe("redaction of long hostile text", () => {
  // Quadratic patterns take tens of seconds on 200,000 characters; linear ones a few ms. The bound is
  // generous so that a loaded 2-core machine cannot make it flake.
  it.each([
    ["letters", "a".repeat(200_000)],
    ["digits then a letter", `${"1".repeat(200_000)}a`],
    ["digits and spaces", "1 ".repeat(100_000)],
    ["local parts and @", "a@".repeat(100_000)],
    ["dotted domain without a top-level domain", `x@${"a.".repeat(100_000)}`],
    ["+49 and spaces", "+49 ".repeat(50_000)],
    ["digits and dashes", `${"1-".repeat(100_000)}x`],
  ])("scrubs 200,000 characters of %s in under a second", (_what, text) => {
    const started = performance.now();
    scrub(text);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("still finds addresses and numbers inside long text", () => {
    const out = scrub(`${"a".repeat(50_000)} max.muster@example.org ${"1".repeat(50)}x +49 30 1234567`);
    expect(out).toContain("[email]");
    expect(out).toContain("[phone]");
    expect(out).not.toContain("max.muster@example.org");
    expect(out).not.toContain("1234567");
  });
});
