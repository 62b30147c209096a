import { describe, expect, it } from "vitest";
import { AuthFailureBrake } from "../../bot/http/auth-failure-brake.ts";
import { INGEST_TOKEN } from "../support/app.ts";
import { inquiryBody, postIntake } from "../support/intake.ts";
import { useTestApp } from "../support/lifecycle.ts";

/** The raw answer, with its headers (postIntake keeps only the body). */
async function guess(baseUrl: string, token: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${baseUrl}/api/v1/inquiries`, {
    method: "POST",
    headers,
    body: JSON.stringify(inquiryBody()),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() };
}

const MSG = "more than 10 requests with a wrong or missing intake token";

describe("guessing the intake token", () => {
  // The app's clock, moved by the test; it starts at the real time so the outbox behaves as usual.
  let offsetMs = 0;
  // When the window began, on the app's clock: between these two instants (the first wrong
  // request was sent, its answer came back). Real time passes between the tests too.
  let windowFrom = 0;
  let windowTo = 0;
  const appNow = () => Date.now() + offsetMs;
  const t = useTestApp({ now: () => new Date(appNow()) });
  const brakeLines = () => t.app.logs.filter((l) => l.includes(MSG));

  it("answers the 11th wrong-token request in a minute with 429 and Retry-After, and lets the right token through", async () => {
    for (let i = 0; i < 10; i++) {
      if (i === 0) windowFrom = appNow();
      const res = await guess(t.app.baseUrl, i % 2 ? null : `wrong-${i}`);
      if (i === 0) windowTo = appNow();
      expect(res.status).toBe(401);
    }
    const blocked = await guess(t.app.baseUrl, "wrong-10");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThanOrEqual(55);
    expect(Number(blocked.retryAfter)).toBeLessThanOrEqual(60);
    expect(blocked.body).toEqual({ error: expect.stringContaining("try again in") });
    expect((await guess(t.app.baseUrl, null)).status).toBe(429);

    // The right token from the same address, while it is blocked.
    const right = await postIntake(t.app.baseUrl, "inquiries", inquiryBody(), { token: INGEST_TOKEN });
    expect(right.status).toBe(201);
  });

  it("logs the throttling once per address and minute, at warn", async () => {
    for (let i = 0; i < 5; i++) expect((await guess(t.app.baseUrl, "wrong")).status).toBe(429);
    expect(brakeLines()).toHaveLength(1);
    const line = JSON.parse(brakeLines()[0] as string);
    expect(line).toMatchObject({ level: 40, address: expect.stringContaining("127.0.0.1") });
  });

  it("counts Retry-After down, and lets the address try again once the window has passed", async () => {
    offsetMs += 30_000;
    const sentAt = appNow();
    const half = await guess(t.app.baseUrl, "wrong");
    const answeredAt = appNow();
    expect(half.status).toBe(429);
    // The window ends 60 s after it began; the answer was computed between sentAt and answeredAt.
    const most = Math.ceil((windowTo + 60_000 - sentAt) / 1000);
    const least = Math.ceil((windowFrom + 60_000 - answeredAt) / 1000);
    expect(most).toBeLessThanOrEqual(30);
    expect(Number(half.retryAfter)).toBeGreaterThanOrEqual(least);
    expect(Number(half.retryAfter)).toBeLessThanOrEqual(most);

    offsetMs += 31_000;
    expect((await guess(t.app.baseUrl, "wrong")).status).toBe(401);
    for (let i = 0; i < 9; i++) expect((await guess(t.app.baseUrl, "wrong")).status).toBe(401);
    expect((await guess(t.app.baseUrl, "wrong")).status).toBe(429);
    // A new minute of throttling, a new (second) log line.
    expect(brakeLines()).toHaveLength(2);
  });
});

describe("AuthFailureBrake", () => {
  it("keeps its memory bounded when many addresses fail once each", () => {
    let now = 0;
    const brake = new AuthFailureBrake({ now: () => new Date(now), maxAddresses: 1_000 });
    for (let i = 0; i < 100_000; i++) {
      brake.fail(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      now += 1;
    }
    expect(brake.size).toBeLessThanOrEqual(1_000);
    // Once the window has passed, every entry expires with the next failure.
    now += 61_000;
    brake.fail("192.0.2.1");
    expect(brake.size).toBe(1);
  });

  it("forgets the quietest address first, not a blocked one that keeps failing", () => {
    const now = 0;
    const brake = new AuthFailureBrake({ now: () => new Date(now), maxAddresses: 3 });
    for (let i = 0; i < 10; i++) brake.fail("198.51.100.7");
    brake.fail("192.0.2.1");
    brake.fail("192.0.2.2");
    expect(brake.fail("198.51.100.7")).toMatchObject({ allowed: false });
    brake.fail("192.0.2.3");
    expect(brake.size).toBe(3);
    expect(brake.fail("198.51.100.7")).toMatchObject({ allowed: false });
  });
});
