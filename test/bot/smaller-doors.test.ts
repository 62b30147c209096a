import { describe, expect, it } from "vitest";
import { SIGNING_SECRET } from "../support/app.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { commandBody, postToSlackEndpoint } from "../support/sign.ts";

const METRICS_TOKEN = "metrics-token-for-tests-0123456789";

/** Issue 20, point 9: /metrics has the intake's brake on guessing; unsigned Slack requests are logged sparingly. */
describe("smaller doors", () => {
  let offsetMs = 0;
  const t = useTestApp({ env: { METRICS_TOKEN }, now: () => new Date(Date.now() + offsetMs) });

  const scrape = async (token: string | null) => {
    const res = await fetch(`${t.app.baseUrl}/metrics`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    await res.text();
    return { status: res.status, retryAfter: res.headers.get("retry-after") };
  };

  it("/metrics answers the 11th wrong-token request in a minute with 429 and Retry-After", async () => {
    for (let i = 0; i < 10; i++) expect((await scrape(i % 2 ? null : `wrong-${i}`)).status).toBe(401);
    const blocked = await scrape("wrong-again");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    // Guesses count per address, whichever route they hit: the intake API is braked too.
    const intake = await fetch(`${t.app.baseUrl}/api/v1/inquiries`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer wrong" },
      body: "{}",
    });
    expect(intake.status).toBe(429);
    expect(t.app.logs.filter((l) => l.includes("wrong or missing metrics token"))).toHaveLength(1);
    offsetMs += 61_000;
    expect((await scrape(METRICS_TOKEN)).status).toBe(200);
  });

  it("logs requests to /slack/events without a valid signature at most once a minute per address, with a count", async () => {
    const body = commandBody({ command: "/kunden", text: "hilfe", user_id: "U0MEMBER01" });
    const lines = () => t.app.logs.filter((l) => l.includes("/slack/events") && /signature|verify/i.test(l));
    const before = lines().length;
    for (let i = 0; i < 4; i++) {
      const res = await postToSlackEndpoint(
        t.app.baseUrl,
        SIGNING_SECRET,
        body,
        "application/x-www-form-urlencoded",
        {
          badSignature: true,
        },
      );
      expect(res.status).toBe(401);
    }
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${t.app.baseUrl}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      expect(res.status).toBe(401);
    }
    // Bolt's own line per refusal is gone; ours comes once, for the first.
    expect(t.app.logs.filter((l) => l.includes("Failed to parse and verify"))).toEqual([]);
    expect(lines().slice(before)).toHaveLength(1);
    expect(JSON.parse(lines().at(-1) as string)).toMatchObject({ refused: 1, address: expect.any(String) });

    offsetMs += 61_000;
    await postToSlackEndpoint(t.app.baseUrl, SIGNING_SECRET, body, "application/x-www-form-urlencoded", {
      badSignature: true,
    });
    expect(lines().slice(before)).toHaveLength(2);
    // The six refused quietly in between, and this one.
    expect(JSON.parse(lines().at(-1) as string)).toMatchObject({ refused: 7 });

    // A signed request still gets through.
    const signed = await postToSlackEndpoint(
      t.app.baseUrl,
      SIGNING_SECRET,
      body,
      "application/x-www-form-urlencoded",
    );
    expect(signed.status).toBe(200);
  });
});
