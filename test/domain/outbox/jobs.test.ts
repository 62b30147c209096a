import { describe, expect, it } from "vitest";
import { allJobHandlers, handle, jobs } from "../../../domain/outbox/jobs.ts";
import type { ClaimedJob } from "../../../domain/outbox/outbox-repository.ts";
import { Outcome } from "../../../domain/outbox/outbox-worker.ts";

const claimed = (kind: string, payload: unknown): ClaimedJob =>
  ({ id: 1n, kind, lane: "test", payload, attempts: 1 }) as ClaimedJob;

describe("the job registry", () => {
  it("hands a handler only a payload that fits its kind's schema; one that does not fails for good", async () => {
    const seen: unknown[] = [];
    const handlers = handle(jobs.mailFailedNotice, async (payload) => {
      seen.push(payload);
      return Outcome.done();
    });
    const run = handlers[jobs.mailFailedNotice.kind];
    const id = "0b0e0c2a-3f4d-4a5b-8c6d-7e8f9a0b1c2d";
    expect(await run?.(claimed(jobs.mailFailedNotice.kind, { id }))).toEqual({ type: "done" });
    expect(await run?.(claimed(jobs.mailFailedNotice.kind, { id: "no-uuid" }))).toMatchObject({
      type: "failed",
    });
    expect(seen).toEqual([{ id }]);
  });

  it("refuses a wiring with a kind left without a handler, or with two", () => {
    const done = async () => Outcome.done();
    // One handler per declared kind, in declaration order (slack.post first).
    const all = Object.values(jobs).map((j) => handle(j, done));
    expect(all.length).toBeGreaterThanOrEqual(7);
    expect(Object.keys(allJobHandlers(all)).sort()).toEqual(
      Object.values(jobs)
        .map((j) => j.kind)
        .sort(),
    );
    expect(() => allJobHandlers(all.slice(1))).toThrow(/no handler for the outbox job kinds slack\.post/);
    expect(() => allJobHandlers([...all, handle(jobs.sendMail, done)])).toThrow(/two handlers/);
  });
});
