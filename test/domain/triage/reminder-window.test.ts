import { describe, expect, it } from "vitest";
import {
  isWindowOpen,
  nextWindowOpening,
  parseReminderWindow,
  type ReminderWindow,
  reminderDueAt,
} from "../../../domain/triage/reminder-window.ts";

const TZ = "Europe/Berlin";
const window = (text: string) => {
  const w = parseReminderWindow(text);
  if (typeof w === "string") throw new Error(w);
  return w;
};
const WORKDAYS = window("Mo-Fr 08:00-18:00");
const at = (iso: string) => new Date(iso);
const next = (iso: string, w: ReminderWindow = WORKDAYS) => nextWindowOpening(at(iso), w, TZ).toISOString();

describe("REMINDER_WINDOW", () => {
  it("parses day ranges, lists and 'always'", () => {
    expect(window("always")).toEqual({ kind: "always" });
    expect(window("Mo-Fr 08:00-18:00")).toEqual({
      kind: "hours",
      days: new Set([1, 2, 3, 4, 5]),
      start: 480,
      end: 1080,
    });
    expect(window("Mo,Mi,Fr 09:30-17:00")).toMatchObject({ days: new Set([1, 3, 5]), start: 570, end: 1020 });
    expect(window("sa-so 00:00-24:00")).toMatchObject({ days: new Set([6, 7]), start: 0, end: 1440 });
  });

  it.each([
    "",
    "Mo-Fr",
    "Mo-Fr 8-18",
    "Fr-Mo 08:00-18:00",
    "Xy 08:00-18:00",
    "Mo-Fr 18:00-08:00",
    "Mo-Fr 25:00-26:00",
  ])("refuses %j with a reason", (text) => {
    expect(typeof parseReminderWindow(text)).toBe("string");
  });

  it("inside the window a reminder goes at once; after 18:00 it waits for the next morning", () => {
    // Wednesday 2026-12-02, Berlin is UTC+1 in winter.
    expect(next("2026-12-02T10:00:00Z")).toBe("2026-12-02T10:00:00.000Z");
    expect(next("2026-12-02T16:59:59Z")).toBe("2026-12-02T16:59:59.000Z");
    expect(next("2026-12-02T17:00:00Z")).toBe("2026-12-03T07:00:00.000Z");
    expect(next("2026-12-02T06:30:00Z")).toBe("2026-12-02T07:00:00.000Z");
  });

  it("a reminder due on Saturday waits for Monday 08:00, also on Friday evening", () => {
    expect(next("2026-12-05T11:00:00Z")).toBe("2026-12-07T07:00:00.000Z");
    expect(next("2026-12-04T17:30:00Z")).toBe("2026-12-07T07:00:00.000Z");
    expect(next("2026-12-06T22:59:59Z")).toBe("2026-12-07T07:00:00.000Z");
    // 23:00Z on Sunday is already Monday 00:00 in Berlin: still 08:00 local.
    expect(next("2026-12-06T23:00:00Z")).toBe("2026-12-07T07:00:00.000Z");
  });

  it("keeps 08:00 on the clock across daylight-saving changes", () => {
    // Spring forward on Sunday 2026-03-29: Monday 08:00 CEST is 06:00Z.
    expect(next("2026-03-28T12:00:00Z")).toBe("2026-03-30T06:00:00.000Z");
    // Fall back on Sunday 2026-10-25: Monday 08:00 CET is 07:00Z.
    expect(next("2026-10-24T12:00:00Z")).toBe("2026-10-26T07:00:00.000Z");
    // Friday before spring forward, 17:59 CET is inside; Monday after, 17:59 CEST is inside.
    expect(isWindowOpen(at("2026-03-27T16:59:00Z"), WORKDAYS, TZ)).toBe(true);
    expect(isWindowOpen(at("2026-03-30T15:59:00Z"), WORKDAYS, TZ)).toBe(true);
    expect(isWindowOpen(at("2026-03-30T16:00:00Z"), WORKDAYS, TZ)).toBe(false);
  });

  it("'always' never waits; the due time is REMINDER_HOURS after arrival, fractions allowed", () => {
    expect(next("2026-12-05T11:00:00Z", { kind: "always" })).toBe("2026-12-05T11:00:00.000Z");
    expect(reminderDueAt(at("2026-12-02T10:00:00Z"), 0.01, { kind: "always" }, TZ).toISOString()).toBe(
      "2026-12-02T10:00:36.000Z",
    );
    // Friday 16:00 local + 24 h = Saturday: Monday 08:00.
    expect(reminderDueAt(at("2026-12-04T15:00:00Z"), 24, WORKDAYS, TZ).toISOString()).toBe(
      "2026-12-07T07:00:00.000Z",
    );
  });
});
