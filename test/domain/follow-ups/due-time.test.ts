import { describe, expect, it } from "vitest";
import { dueTime, parseIsoDate, parseWallTime } from "../../../domain/follow-ups/due-time.ts";

const BERLIN = "Europe/Berlin";

describe("due time of a follow-up (date + wall time in DIGEST_TIMEZONE)", () => {
  it("an ordinary winter and summer day: the wall time in the zone", () => {
    expect(dueTime({ year: 2026, month: 12, day: 8 }, { hour: 9, minute: 0 }, BERLIN)).toMatchObject({
      dueAt: new Date("2026-12-08T08:00:00Z"),
      shifted: false,
      ambiguous: false,
    });
    expect(dueTime({ year: 2026, month: 7, day: 1 }, { hour: 9, minute: 0 }, BERLIN).dueAt).toEqual(
      new Date("2026-07-01T07:00:00Z"),
    );
  });

  it("02:30 on the night the clocks go forward (29 March 2026) does not exist: it moves forward by the gap, to 03:30", () => {
    const d = dueTime({ year: 2026, month: 3, day: 29 }, { hour: 2, minute: 30 }, BERLIN);
    expect(d.dueAt).toEqual(new Date("2026-03-29T01:30:00Z"));
    expect(d.local).toEqual({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 });
    expect(d.shifted).toBe(true);
    // The times around the gap stay as they are.
    expect(dueTime({ year: 2026, month: 3, day: 29 }, { hour: 1, minute: 59 }, BERLIN)).toMatchObject({
      dueAt: new Date("2026-03-29T00:59:00Z"),
      shifted: false,
    });
    expect(dueTime({ year: 2026, month: 3, day: 29 }, { hour: 3, minute: 0 }, BERLIN)).toMatchObject({
      dueAt: new Date("2026-03-29T01:00:00Z"),
      shifted: false,
    });
  });

  it("02:30 on the night the clocks go back (25 October 2026) exists twice: the first one (summer time)", () => {
    const d = dueTime({ year: 2026, month: 10, day: 25 }, { hour: 2, minute: 30 }, BERLIN);
    expect(d.dueAt).toEqual(new Date("2026-10-25T00:30:00Z"));
    expect(d.local).toEqual({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 });
    expect(d).toMatchObject({ shifted: false, ambiguous: true });
    expect(dueTime({ year: 2026, month: 10, day: 25 }, { hour: 3, minute: 0 }, BERLIN)).toMatchObject({
      dueAt: new Date("2026-10-25T02:00:00Z"),
      ambiguous: false,
    });
  });

  it("other zones: New York's gap at 02:00 local, UTC never shifts", () => {
    expect(
      dueTime({ year: 2026, month: 3, day: 8 }, { hour: 2, minute: 15 }, "America/New_York"),
    ).toMatchObject({
      dueAt: new Date("2026-03-08T07:15:00Z"),
      local: { hour: 3, minute: 15 },
      shifted: true,
    });
    expect(dueTime({ year: 2026, month: 3, day: 29 }, { hour: 2, minute: 30 }, "UTC")).toMatchObject({
      dueAt: new Date("2026-03-29T02:30:00Z"),
      shifted: false,
    });
  });

  it("reads Slack's datepicker and timepicker values, and refuses what is no date or time", () => {
    expect(parseIsoDate("2026-02-28")).toEqual({ year: 2026, month: 2, day: 28 });
    expect(parseIsoDate("2026-02-30")).toBeNull();
    expect(parseIsoDate("28.02.2026")).toBeNull();
    expect(parseWallTime("09:05")).toEqual({ hour: 9, minute: 5 });
    expect(parseWallTime("24:00")).toBeNull();
    expect(parseWallTime("9:05")).toBeNull();
  });
});
