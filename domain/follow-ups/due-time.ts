import { type LocalDate, localDateTime } from "../time/calendar.ts";

/**
 * When a follow-up (Wiedervorlage) is due: a date and a wall time in DIGEST_TIMEZONE → an instant.
 * Daylight-saving changes follow Temporal's "compatible" disambiguation:
 * - a wall time the clocks skip (02:30 on the night they go forward) moves forward by the gap:
 *   02:30 → 03:30 (`shifted` is true, `local` says what the clocks show then);
 * - a wall time the clocks show twice (02:30 on the night they go back) is its first occurrence
 *   (still summer time); `ambiguous` is true.
 */

export interface WallTime {
  hour: number;
  minute: number;
}

export interface DueTime {
  dueAt: Date;
  /** The wall time the clocks show at `dueAt` (differs from the asked one only when `shifted`). */
  local: LocalDate & WallTime;
  /** The asked time did not exist on that day (clocks went forward): moved forward by the gap. */
  shifted: boolean;
  /** The asked time existed twice on that day (clocks went back): the first one. */
  ambiguous: boolean;
}

const DAY_MS = 86_400_000;

/** The zone's offset from UTC (ms) at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const l = localDateTime(new Date(instant), timeZone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - Math.floor(instant / 1000) * 1000;
}

function sameWallTime(instant: number, date: LocalDate, time: WallTime, timeZone: string): boolean {
  const l = localDateTime(new Date(instant), timeZone);
  return (
    l.year === date.year &&
    l.month === date.month &&
    l.day === date.day &&
    l.hour === time.hour &&
    l.minute === time.minute
  );
}

export function dueTime(date: LocalDate, time: WallTime, timeZone: string): DueTime {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  // Offset changes are at least a day apart: the offsets a day before and after are the two candidates.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [...new Set([wall - before, wall - after])]
    .filter((t) => sameWallTime(t, date, time, timeZone))
    .sort((a, b) => a - b);
  const first = candidates[0];
  // None: the clocks skip this time; with the offset before the change it lands past the gap.
  const instant = first ?? wall - before;
  const l = localDateTime(new Date(instant), timeZone);
  return {
    dueAt: new Date(instant),
    local: { year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute },
    shifted: first === undefined,
    ambiguous: candidates.length > 1,
  };
}

/** "2026-03-29" → a LocalDate (as Slack's datepicker sends it); null when it is no calendar date. */
export function parseIsoDate(value: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** "09:00" → a WallTime (as Slack's timepicker sends it); null when it is no time of day. */
export function parseWallTime(value: string): WallTime | null {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

const pad = (n: number) => String(n).padStart(2, "0");
export const isoDate = (d: LocalDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;
export const wallTimeText = (t: WallTime) => `${pad(t.hour)}:${pad(t.minute)}`;
