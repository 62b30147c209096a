import cron from "node-cron";
import {
  addDays,
  type LocalDate,
  localDateTime,
  startOfDay,
  zonedTimeToInstant,
} from "../../domain/time/calendar.ts";

const descending = (values: number[]) => [...values].sort((a, b) => b - a);
const secondOfDay = (h: number, m: number, s: number) => h * 3600 + m * 60 + s;
const sameDay = (a: LocalDate, b: LocalDate) => a.year === b.year && a.month === b.month && a.day === b.day;

/**
 * The latest firing time (slot) of a cron expression that lies after `after` and at or before
 * `at`, or undefined when there is none. node-cron only looks forward (its next match from now),
 * so catch-up walks back from `at`: day by day, and within a day through the parsed hours,
 * minutes and seconds, newest first. node-cron's own matcher decides whether a candidate fires,
 * so day-of-month, weekday, `L`, `W` and `#` mean exactly what they mean to the live schedule.
 * A wall time that a daylight-saving change skips never fires, as in node-cron.
 */
export function latestSlot(expression: string, timeZone: string, at: Date, after: Date): Date | undefined {
  const fields = cron.parse(expression);
  const hours = descending(fields.hour);
  const minutes = descending(fields.minute);
  const seconds = descending(fields.second);
  const matcher = cron.createTask(expression, () => {}, { timezone: timeZone });
  try {
    const atMs = Math.floor(at.getTime() / 1000) * 1000;
    const atLocal = localDateTime(at, timeZone);
    const atSecondOfDay = secondOfDay(atLocal.hour, atLocal.minute, atLocal.second);
    let day: LocalDate = atLocal;
    // Each day: the newest candidate that exists either fires, or tells that the day does not.
    for (
      let first = true;
      startOfDay(addDays(day, 1), timeZone) > after;
      first = false, day = addDays(day, -1)
    ) {
      candidates: for (const hour of hours) {
        for (const minute of minutes) {
          for (const second of seconds) {
            if (first && secondOfDay(hour, minute, second) > atSecondOfDay + 3600) continue;
            const instant = zonedTimeToInstant({ ...day, hour, minute, second }, timeZone);
            if (instant.getTime() > atMs) continue;
            if (instant <= after) return undefined;
            const shown = localDateTime(instant, timeZone);
            const exists =
              sameDay(shown, day) &&
              shown.hour === hour &&
              shown.minute === minute &&
              shown.second === second;
            if (!exists) continue;
            if (matcher.match(instant)) return instant;
            break candidates;
          }
        }
      }
    }
    return undefined;
  } finally {
    matcher.destroy();
  }
}
