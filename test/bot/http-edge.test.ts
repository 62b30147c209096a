import { request } from "node:http";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { SIGNING_SECRET } from "../support/app.ts";
import { blockAction } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { interactionBody, postToSlackEndpoint, slackSignature } from "../support/sign.ts";

/** A click nobody handles, padded to about `bytes` bytes. */
const bodyOf = (bytes: number) =>
  interactionBody({
    ...blockAction({ user: "U0MEMBER01", actionId: "no_such_action" }),
    padding: "x".repeat(bytes),
  });

describe("the HTTP edge", () => {
  const t = useTestApp();

  it("refuses a Slack request over 1 MB with 413 before its signature is checked", async () => {
    // A wrong signature: 401 would mean Bolt read the 2 MB and computed the HMAC over them.
    const res = await postToSlackEndpoint(
      t.app.baseUrl,
      SIGNING_SECRET,
      bodyOf(2 * 1024 * 1024),
      "application/x-www-form-urlencoded",
      { badSignature: true },
    );
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ error: expect.stringContaining("1 MB") });
  });

  it("cuts off a chunked Slack request without Content-Length once it passes 1 MB", async () => {
    const body = bodyOf(2 * 1024 * 1024);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.app.baseUrl}/slack/events`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "transfer-encoding": "chunked",
          ...slackSignature(SIGNING_SECRET, body),
          // Wrong on purpose: only a guard in front of the signature check answers 413 here.
          "x-slack-signature": `v0=${"0".repeat(64)}`,
        },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      // 64 kB chunks, each waiting for the previous one to drain, as a slow sender would.
      const chunks = body.match(/[\s\S]{1,65536}/g) ?? [];
      const next = () => {
        const chunk = chunks.shift();
        if (chunk === undefined) req.end();
        else if (req.write(chunk)) setImmediate(next);
        else req.once("drain", next);
      };
      next();
    });
    expect(status).toBe(413);
  });

  it("still hands a 900 kB request to Bolt, which checks its signature (401 when wrong)", async () => {
    const res = await postToSlackEndpoint(
      t.app.baseUrl,
      SIGNING_SECRET,
      bodyOf(900 * 1024),
      "application/x-www-form-urlencoded",
      { badSignature: true },
    );
    expect(res.status).toBe(401);
  });

  it("handles a correctly signed 900 kB request after the body guard", async () => {
    const res = await postToSlackEndpoint(
      t.app.baseUrl,
      SIGNING_SECRET,
      bodyOf(900 * 1024),
      "application/x-www-form-urlencoded",
    );
    expect(res.status).toBe(200);
  });

  // headersTimeout is 10 s; Node checks it only every connectionsCheckingInterval (30 s by default),
  // so without a shorter interval a slow client keeps its socket for up to 40 s.
  it("does not let a slow upload to /slack/events hold back the work after other acks", async () => {
    // Work after an ack waits (at most 100 ms) while other Slack requests wait for their answer
    // (bot/http/pending-acks.ts). A request still uploading its body is none of those: anyone can
    // start one, signed or not, and keep it open for up to 30 s.
    const port = Number(new URL(t.app.baseUrl).port);
    const socket = connect(port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    try {
      socket.write(
        "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
          "Content-Length: 100000\r\n\r\npayload=",
      );
      await new Promise((r) => setTimeout(r, 100)); // the server has the headers and a first chunk
      const outcome = await Promise.race([
        t.app.deps.yieldToAcks().then(() => "went on"),
        new Promise((r) => setTimeout(() => r("held back"), 80)),
      ]);
      expect(outcome).toBe("went on");
    } finally {
      socket.destroy();
    }
  });

  it("disconnects a client that sends its headers slowly (slowloris)", async () => {
    const socket = connect(t.app.port, "127.0.0.1");
    let answer = "";
    socket.on("data", (d) => {
      answer += String(d);
    });
    socket.write("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const trickle = setInterval(() => socket.write(`x-slow-${Date.now()}: 1\r\n`), 500);
    try {
      const closed = await new Promise<boolean>((resolve) => {
        socket.once("close", () => resolve(true));
        setTimeout(() => resolve(false), 20_000).unref();
      });
      expect(closed).toBe(true);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(trickle);
      socket.destroy();
    }
  }, 30_000);
});
