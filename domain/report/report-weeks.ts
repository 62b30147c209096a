import { addDays, type LocalDate, localDateTime, startOfDay } from "../time/calendar.ts";

/**
 * The weeks of the report: Monday 00:00 to the next Monday 00:00 as people in the time zone see
 * them. Across a daylight-saving change a week has 167 or 169 hours; the boundaries are wall-clock
 * midnights, never multiples of 7 × 24 hours.
 */
export interface ReportWeek {
  /** First instant of the week (Monday 00:00 local). */
  start: Date;
  /** First instant after the week (next Monday 00:00 local); for the current week: now. */
  end: Date;
  /** ISO 8601 week number and its year ("KW 49"). */
  week: number;
  weekYear: number;
  /** The current week, counted so far. */
  partial: boolean;
}

/** ISO weekday of a calendar date: Monday 1 … Sunday 7. */
const isoWeekday = (d: LocalDate) => {
  const day = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return day === 0 ? 7 : day;
};

/** The ISO 8601 week (and its year) of a calendar date: the week that holds its Thursday. */
export function isoWeek(d: LocalDate): { week: number; weekYear: number } {
  const thursday = addDays(d, 4 - isoWeekday(d));
  const jan1 = Date.UTC(thursday.year, 0, 1);
  const dayOfYear = (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - jan1) / 86_400_000;
  return { week: Math.floor(dayOfYear / 7) + 1, weekYear: thursday.year };
}

/** The last `fullWeeks` full weeks before `now` (oldest first) and the current week so far. */
export function reportWeeks(now: Date, timeZone: string, fullWeeks = 12): ReportWeek[] {
  const today = localDateTime(now, timeZone);
  const monday = addDays(today, 1 - isoWeekday(today));
  const weeks: ReportWeek[] = [];
  for (let back = fullWeeks; back >= 0; back--) {
    const first = addDays(monday, -7 * back);
    const partial = back === 0;
    weeks.push({
      start: startOfDay(first, timeZone),
      end: partial ? now : startOfDay(addDays(first, 7), timeZone),
      ...isoWeek(first),
      partial,
    });
  }
  return weeks;
}

/** "KW 49" */
export const weekLabel = (w: Pick<ReportWeek, "week">) => `KW ${w.week}`;
