import type { ContextBlockElement, PlainTextElement } from "@slack/types";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { truncate } from "./truncate.ts";

/**
 * Small formatting helpers of the Block Kit builders. Outside text (names, e-mails, notes) goes
 * into plain_text, which Slack never parses for mentions or links, or through ./mrkdwn.ts.
 */

export function plain(text: string, max = 3000): PlainTextElement {
  // Slack rejects empty text objects, and one of spaces shows nothing: a dash says "nothing here".
  return { type: "plain_text", text: truncate(text.trim() === "" ? "–" : text, max), emoji: false };
}

/**
 * `<!date^…>`: a time in each reader's own time zone, with a fallback (by default in UTC) for
 * clients that cannot render it.
 */
export function slackTime(
  at: Date,
  format = "{date_short_pretty} um {time}",
  fallback = `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`,
): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^${format}|${escapeMrkdwn(fallback)}>`;
}

const berlinTime = new Intl.DateTimeFormat("de-DE", {
  timeZone: "Europe/Berlin",
  dateStyle: "medium",
  timeStyle: "short",
});

/** "heute um 14:05" in the reader's time zone; the fallback is German, in Berlin time. */
export function slackDate(at: Date): string {
  return slackTime(at, "{date_short_pretty} um {time}", berlinTime.format(at));
}

/** A calendar day (stored as midnight UTC) as `31.12.2026`: a day has no time zone. */
export function calendarDay(day: Date): string {
  const [y, m, d] = day.toISOString().slice(0, 10).split("-");
  return `${d}.${m}.${y}`;
}

export const accessLevelLabel = (level: "full" | "partial") =>
  level === "full" ? "Vollzugriff" : "Teilzugriff";

/** "und 3 weitere", as a context block, for lists cut to fit. */
export function moreContext(shown: number, total: number, hint = ""): ContextBlockElement[] {
  const more = total - shown;
  return more > 0 ? [{ type: "mrkdwn", text: `_und ${more} weitere${hint ? ` ${hint}` : ""}_` }] : [];
}
