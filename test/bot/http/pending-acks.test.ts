import { describe, expect, it } from "vitest";
import { PendingAcks } from "../../../bot/http/pending-acks.ts";

const settled = async (p: Promise<void>, ms: number) =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe("PendingAcks", () => {
  it("lets work go on at once when no request waits for its ack", async () => {
    const pending = new PendingAcks(10_000);
    expect(await settled(pending.yield(), 50)).toBe(true);
  });

  it("holds work back until the waiting requests are answered", async () => {
    const pending = new PendingAcks(10_000);
    const first = pending.begin();
    const second = pending.begin();
    const work = pending.yield();
    expect(await settled(work, 50)).toBe(false);
    first();
    first(); // answered twice (finish and close): counted once
    expect(pending.size).toBe(1);
    expect(await settled(work, 50)).toBe(false);
    second();
    expect(await settled(work, 50)).toBe(true);
    expect(pending.size).toBe(0);
  });

  it("holds it back at most maxWaitMs, so that a slow request cannot stall the others", async () => {
    const pending = new PendingAcks(30);
    pending.begin();
    const started = Date.now();
    await pending.yield();
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
