import { describe, expect, it } from "vitest";
import { relativeTime, waitingSince } from "../../../blocks/texts/relative-time.ts";

// 15:38 in Berlin (CET, UTC+1) on 7 December 2026.
const NOW = new Date("2026-12-07T14:38:30Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;

describe("relativeTime", () => {
  it.each([
    ["now", 0, "gerade eben"],
    ["59 s ago", 59_000, "gerade eben"],
    ["30 s ahead (clock skew)", -30_000, "gerade eben"],
    ["a minute ago", MIN, "vor einer Minute"],
    ["5 minutes ago", 5 * MIN, "vor 5 Minuten"],
    ["59 minutes ago", 59 * MIN, "vor 59 Minuten"],
    ["an hour ago, same day", 60 * MIN, "heute um 14:38"],
    ["yesterday at 15:38", 24 * 60 * MIN, "gestern um 15:38"],
    ["early this morning", 15 * 60 * MIN, "heute um 00:38"],
    ["late yesterday evening, across midnight", 16 * 60 * MIN, "gestern um 23:38"],
    ["three days ago", 3 * 24 * 60 * MIN, "am 4. Dezember um 15:38"],
    ["last year", 365 * 24 * 60 * MIN, "am 7. Dezember 2025 um 15:38"],
  ])("%s → %s", (_what, ms, text) => {
    expect(relativeTime(ago(ms), NOW)).toBe(text);
  });

  it("tomorrow, for a time ahead", () => {
    expect(relativeTime(new Date(NOW.getTime() + 24 * 60 * MIN), NOW)).toBe("morgen um 15:38");
  });

  it("in the time zone it is given", () => {
    expect(relativeTime(ago(24 * 60 * MIN), NOW, "UTC")).toBe("gestern um 14:38");
  });
});

describe("waitingSince", () => {
  it.each([
    [0, "seit weniger als einer Minute"],
    [30_000, "seit weniger als einer Minute"],
    [MIN, "seit einer Minute"],
    [5 * MIN, "seit 5 Minuten"],
    [60 * MIN, "seit einer Stunde"],
    [5 * 60 * MIN, "seit 5 Stunden"],
    [47 * 60 * MIN, "seit 47 Stunden"],
    [3 * 24 * 60 * MIN, "seit 3 Tagen"],
  ])("%i ms → %s", (ms, text) => {
    expect(waitingSince(ago(ms), NOW)).toBe(text);
  });

  it("never says it waits for a negative time", () => {
    expect(waitingSince(new Date(NOW.getTime() + 5 * MIN), NOW)).toBe("seit weniger als einer Minute");
  });
});
