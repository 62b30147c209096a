import { describe, expect, it } from "vitest";
import {
  ensureLane,
  pauseLane,
  returnLaneToken,
  takeLaneToken,
} from "../../../domain/outbox/lane-rate-repository.ts";
import { dbKinds } from "../../support/db.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";

// The shared posting rate of a lane (ADR 010), on the database's clock: what every instance of
// the bot draws from. The bucket is full (burst) at first, refills one token per interval, and a
// 429 pause lets exactly one job go when it ends.
describe.each(dbKinds())("a lane's shared token bucket on %s", (kind) => {
  const t = useTestDatabase(kind);
  const rate = { intervalMs: 10_000, burst: 3 };
  let n = 0;
  const newLane = async () => {
    const lane = `slack:C0RATE${kind}${++n}`;
    await ensureLane(t.db.prisma, lane, rate);
    return lane;
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("gives the burst at once, then says how long until the next token", async () => {
    const lane = await newLane();
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push(await takeLaneToken(t.db.prisma, lane, rate));
    expect(taken).toEqual([0, 0, 0]);
    const wait = await takeLaneToken(t.db.prisma, lane, rate);
    expect(wait).toBeGreaterThan(5_000);
    expect(wait).toBeLessThanOrEqual(10_000);
  });

  it("takes a returned token again, but never more than the burst", async () => {
    const lane = await newLane();
    await returnLaneToken(t.db.prisma, lane, rate); // full already: stays at the burst
    for (let i = 0; i < 3; i++) expect(await takeLaneToken(t.db.prisma, lane, rate)).toBe(0);
    expect(await takeLaneToken(t.db.prisma, lane, rate)).toBeGreaterThan(0);
    await returnLaneToken(t.db.prisma, lane, rate);
    expect(await takeLaneToken(t.db.prisma, lane, rate)).toBe(0);
  });

  it("lets one job go when a pause ends, even if a token was given back during the pause", async () => {
    // The pause must still run when the token comes back: a few queries, but on a loaded machine
    // they can take longer than a short pause (the token would then count, and two jobs would go).
    const pauseMs = 3_000;
    const lane = await newLane();
    expect(await takeLaneToken(t.db.prisma, lane, rate)).toBe(0);
    await pauseLane(t.db.prisma, lane, pauseMs);
    const paused = await takeLaneToken(t.db.prisma, lane, rate);
    expect(paused).toBeGreaterThan(0);
    expect(paused).toBeLessThanOrEqual(pauseMs);
    // Another instance had taken a token before the 429 and found no job: it gives it back.
    await returnLaneToken(t.db.prisma, lane, rate);
    // Wait for the pause's end as the lane tells it (the database's clock), then one job goes.
    const deadline = Date.now() + pauseMs + 30_000;
    for (let wait = paused; wait > 0; wait = await takeLaneToken(t.db.prisma, lane, rate)) {
      if (Date.now() > deadline) throw new Error(`lane still paused: ${wait} ms to wait`);
      expect(wait).toBeLessThanOrEqual(pauseMs); // the pause's end, not the next refill
      await sleep(Math.min(wait, 500));
    }
    expect(await takeLaneToken(t.db.prisma, lane, rate)).toBeGreaterThan(0);
  }, 60_000);

  it("hands out each token once to concurrent takers", async () => {
    const lane = await newLane();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => takeLaneToken(t.db.prisma, lane, rate)),
    );
    expect(results.filter((w) => w === 0)).toHaveLength(3);
  });
});
