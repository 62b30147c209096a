import type { ContextBlockElement, PlainTextElement } from "@slack/types";

/**
 * Small formatting helpers of the customer views. Outside text (names, e-mails, notes) only ever
 * goes into plain_text, which Slack never parses for mentions or links; mrkdwn is built only from
 * our own words, numbers, dates and Slack ids.
 */

/** Cuts text to Slack's limit for a field, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

export function plain(text: string, max = 3000): PlainTextElement {
  // Slack rejects empty text objects.
  return { type: "plain_text", text: truncate(text === "" ? " " : text, max), emoji: false };
}

/** A time in each reader's own time zone, with a fallback for clients that cannot render it. */
export function slackTime(at: Date, format = "{date_short} {time}"): string {
  const fallback = at.toISOString().slice(0, 16).replace("T", " ");
  return `<!date^${Math.floor(at.getTime() / 1000)}^${format}|${fallback} UTC>`;
}

/** A calendar day (stored as midnight UTC) as `31.12.2026`: a day has no time zone. */
export function calendarDay(day: Date): string {
  const [y, m, d] = day.toISOString().slice(0, 10).split("-");
  return `${d}.${m}.${y}`;
}

/** "seit 3 Tagen": how long something has waited. */
export function waitedSince(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return minutes === 1 ? "seit einer Minute" : `seit ${minutes} Minuten`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours === 1 ? "seit einer Stunde" : `seit ${hours} Stunden`;
  return `seit ${Math.floor(hours / 24)} Tagen`;
}

export const accessLevelLabel = (level: "full" | "partial") =>
  level === "full" ? "Vollzugriff" : "Teilzugriff";

/** A Slack user id as a mention; anything else ("api", "system") as a word. */
export function actorMrkdwn(actor: string): string {
  if (/^[UW][A-Z0-9_]+$/.test(actor)) return `<@${actor}>`;
  return actor === "api" ? "Partnerportal" : "System";
}

/** "und 3 weitere", as a context block, for lists cut to fit. */
export function moreContext(shown: number, total: number, hint = ""): ContextBlockElement[] {
  const more = total - shown;
  return more > 0 ? [{ type: "mrkdwn", text: `_und ${more} weitere${hint ? ` ${hint}` : ""}_` }] : [];
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
