import cron from "node-cron";
import { describe, expect, it } from "vitest";
import { latestSlot } from "../../../bot/scheduler/cron-slots.ts";

const BERLIN = "Europe/Berlin";
const at = (iso: string) => new Date(iso);

describe("latestSlot (the newest missed firing time, for catch-up)", () => {
  it("finds the latest weekday 9:00 in Berlin, skipping the weekend", () => {
    // Monday 2026-03-09 08:00 Berlin (07:00Z): the latest slot is Friday 09:00 CET.
    const slot = latestSlot("0 9 * * 1-5", BERLIN, at("2026-03-09T07:00:00Z"), at("2026-03-01T00:00:00Z"));
    expect(slot?.toISOString()).toBe("2026-03-06T08:00:00.000Z");
  });

  it("counts a slot exactly at `at`, and none at or before `after`", () => {
    expect(
      latestSlot(
        "0 9 * * *",
        BERLIN,
        at("2026-03-06T08:00:00.400Z"),
        at("2026-03-01T00:00:00Z"),
      )?.toISOString(),
    ).toBe("2026-03-06T08:00:00.000Z");
    expect(
      latestSlot("0 9 * * *", BERLIN, at("2026-03-06T08:30:00Z"), at("2026-03-06T08:00:00Z")),
    ).toBeUndefined();
  });

  it("follows the clock change: 9:00 Berlin is 08:00Z before and 07:00Z after 29 March 2026", () => {
    const after = at("2026-03-20T00:00:00Z");
    expect(latestSlot("0 9 * * *", BERLIN, at("2026-03-28T12:00:00Z"), after)?.toISOString()).toBe(
      "2026-03-28T08:00:00.000Z",
    );
    expect(latestSlot("0 9 * * *", BERLIN, at("2026-03-30T12:00:00Z"), after)?.toISOString()).toBe(
      "2026-03-30T07:00:00.000Z",
    );
  });

  it("skips a wall time that the spring change does not have (02:30 on 29 March)", () => {
    const slot = latestSlot("30 2 * * *", BERLIN, at("2026-03-29T12:00:00Z"), at("2026-03-20T00:00:00Z"));
    expect(slot?.toISOString()).toBe("2026-03-28T01:30:00.000Z");
  });

  it("takes the newest of many slots every five seconds, without walking all of them", () => {
    const started = performance.now();
    const slot = latestSlot(
      "*/5 * * * * *",
      BERLIN,
      at("2026-06-01T10:00:07.900Z"),
      at("2026-05-01T00:00:00Z"),
    );
    expect(slot?.toISOString()).toBe("2026-06-01T10:00:05.000Z");
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("agrees with node-cron's own next run: no slot of the schedule lies between the result and `at`", () => {
    const task = cron.createTask("15 7,13 * * 1-5", () => {}, { timezone: BERLIN });
    try {
      const end = at("2026-10-26T09:00:00Z");
      const slot = latestSlot("15 7,13 * * 1-5", BERLIN, end, at("2026-10-01T00:00:00Z"));
      expect(slot?.toISOString()).toBe("2026-10-26T06:15:00.000Z");
      expect(task.match(slot as Date)).toBe(true);
      for (let t = (slot as Date).getTime() + 1000; t <= end.getTime(); t += 1000) {
        expect(task.match(new Date(t))).toBe(false);
      }
    } finally {
      task.destroy();
    }
  });
});
