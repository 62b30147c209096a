import { addDays, type LocalDate, localDateTime, zonedTimeToInstant } from "../time/calendar.ts";

/**
 * When reminders may be posted (REMINDER_WINDOW): `always`, or days and hours such as
 * `Mo-Fr 08:00-18:00` (also `Mo,Mi,Fr 09:00-17:00`, `Sa 10:00-12:00`), in DIGEST_TIMEZONE.
 * Pure: a clock and a time zone in, instants out.
 */
export type ReminderWindow =
  | { kind: "always" }
  | {
      kind: "hours";
      /** ISO weekdays: 1 = Monday … 7 = Sunday. */
      days: ReadonlySet<number>;
      /** Minutes after local midnight: from `start` (inclusive) to `end` (exclusive). */
      start: number;
      end: number;
    };

const DAYS = ["mo", "di", "mi", "do", "fr", "sa", "so"];

const dayOf = (name: string) => {
  const i = DAYS.indexOf(name.toLowerCase());
  return i < 0 ? undefined : i + 1;
};

const minutesOf = (hhmm: string) => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm) ?? (hhmm === "24:00" ? [hhmm, "24", "00"] : null);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
};

/** Parses REMINDER_WINDOW; a string (what is wrong) for a value that does not fit. */
export function parseReminderWindow(text: string): ReminderWindow | string {
  const value = text.trim();
  if (value.toLowerCase() === "always") return { kind: "always" };
  const m = /^(\S+)\s+(\d\d:\d\d)-(\d\d:\d\d)$/.exec(value);
  if (!m) return "must be 'always' or days and hours such as 'Mo-Fr 08:00-18:00'";
  const days = new Set<number>();
  for (const part of (m[1] as string).split(",")) {
    const [from, to, ...rest] = part.split("-");
    const a = dayOf(from ?? "");
    const b = to === undefined ? a : dayOf(to);
    if (a === undefined || b === undefined || rest.length > 0 || b < a)
      return `has an unknown day range '${part}' (days: Mo Di Mi Do Fr Sa So, e.g. Mo-Fr or Mo,Mi,Fr)`;
    for (let d = a; d <= b; d++) days.add(d);
  }
  const start = minutesOf(m[2] as string);
  const end = minutesOf(m[3] as string);
  if (start === undefined || end === undefined) return "has a time that is not HH:MM (00:00–24:00)";
  if (end <= start) return "must end after it starts on the same day, e.g. 08:00-18:00";
  return { kind: "hours", days, start, end };
}

const isoWeekday = (d: LocalDate) => {
  const wd = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return wd === 0 ? 7 : wd;
};

const atMinutes = (d: LocalDate, minutes: number, timeZone: string) =>
  minutes >= 24 * 60
    ? zonedTimeToInstant({ ...addDays(d, 1), hour: 0, minute: 0, second: 0 }, timeZone)
    : zonedTimeToInstant({ ...d, hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0 }, timeZone);

/**
 * The first instant at or after `t` at which the window is open: `t` itself inside the window,
 * otherwise the next start of the window (e.g. Saturday → Monday 08:00). Days are calendar days in
 * `timeZone`, so a daylight-saving change moves nothing: 08:00 stays 08:00 on the clock.
 */
export function nextWindowOpening(t: Date, window: ReminderWindow, timeZone: string): Date {
  if (window.kind === "always") return t;
  const local = localDateTime(t, timeZone);
  const today: LocalDate = { year: local.year, month: local.month, day: local.day };
  for (let i = 0; i <= 7; i++) {
    const day = addDays(today, i);
    if (!window.days.has(isoWeekday(day))) continue;
    const start = atMinutes(day, window.start, timeZone);
    const end = atMinutes(day, window.end, timeZone);
    if (t.getTime() >= end.getTime()) continue;
    return t.getTime() >= start.getTime() ? t : start;
  }
  // Unreachable with at least one day: a week always holds the next opening.
  throw new Error("a reminder window without days");
}

export const isWindowOpen = (t: Date, window: ReminderWindow, timeZone: string) =>
  nextWindowOpening(t, window, timeZone).getTime() === t.getTime();

/** When a request's reminder is due: REMINDER_HOURS after it arrived, at the next opening of the window. */
export function reminderDueAt(
  receivedAt: Date,
  hours: number,
  window: ReminderWindow,
  timeZone: string,
): Date {
  return nextWindowOpening(new Date(receivedAt.getTime() + hours * 3_600_000), window, timeZone);
}
