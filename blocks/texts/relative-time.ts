/**
 * Times as a German reader says them, relative to `now`: "gerade eben", "vor 5 Minuten",
 * "heute um 15:38", "gestern um 15:38", "am 3. Dezember um 15:38". For surfaces that are built
 * again when they are shown (the App Home, lists, the sandbox); messages that stay in the channel
 * use Slack's `<!date^…>` (../format.ts), which each reader's client renders.
 */

export const DEFAULT_TIME_ZONE = "Europe/Berlin";

const formatters = new Map<
  string,
  {
    day: Intl.DateTimeFormat;
    time: Intl.DateTimeFormat;
    date: Intl.DateTimeFormat;
    dateYear: Intl.DateTimeFormat;
  }
>();
function formatsFor(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = {
      day: new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }),
      time: new Intl.DateTimeFormat("de-DE", { timeZone, hour: "2-digit", minute: "2-digit" }),
      date: new Intl.DateTimeFormat("de-DE", { timeZone, day: "numeric", month: "long" }),
      dateYear: new Intl.DateTimeFormat("de-DE", {
        timeZone,
        day: "numeric",
        month: "long",
        year: "numeric",
      }),
    };
    formatters.set(timeZone, f);
  }
  return f;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** "gerade eben" … "am 3. Dezember 2025 um 15:38"; a time slightly ahead of `now` (clock skew) is "gerade eben". */
export function relativeTime(at: Date, now: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const minutes = Math.floor((now.getTime() - at.getTime()) / MINUTE);
  if (minutes < 1 && minutes > -2) return "gerade eben";
  if (minutes >= 1 && minutes < 60) return minutes === 1 ? "vor einer Minute" : `vor ${minutes} Minuten`;
  const f = formatsFor(timeZone);
  const time = f.time.format(at);
  const day = f.day.format(at);
  if (day === f.day.format(now)) return `heute um ${time}`;
  if (day === f.day.format(new Date(now.getTime() - DAY))) return `gestern um ${time}`;
  if (day === f.day.format(new Date(now.getTime() + DAY))) return `morgen um ${time}`;
  const sameYear = day.slice(0, 4) === f.day.format(now).slice(0, 4);
  return `am ${(sameYear ? f.date : f.dateYear).format(at)} um ${time}`;
}

/** How long something has waited, after "wartet": "seit 5 Minuten", "seit einer Stunde", "seit 3 Tagen". */
export function waitingSince(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / MINUTE));
  if (minutes < 1) return "seit weniger als einer Minute";
  if (minutes < 60) return minutes === 1 ? "seit einer Minute" : `seit ${minutes} Minuten`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours === 1 ? "seit einer Stunde" : `seit ${hours} Stunden`;
  return `seit ${Math.floor(hours / 24)} Tagen`;
}
