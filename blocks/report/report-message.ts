import type { KnownBlock } from "@slack/types";
import type { Report, WeekFigures } from "../../domain/report/report.schema.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";

/**
 * The weekly report as a channel or DM message: the key figures of the last full week and of the
 * current week, a table of all 13 weeks (the chart's numbers, to check it against), and the team
 * members' decisions of the last full week. Only counts: nothing about prospects.
 */

/** "45 Min.", "1 Std. 15 Min.", "2 Tage 3 Std."; "–" without a value. */
export function durationText(minutes: number | null): string {
  if (minutes === null) return "–";
  const m = Math.round(minutes);
  if (m < 60) return `${m} Min.`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} Std.${m % 60 ? ` ${m % 60} Min.` : ""}`;
  const days = Math.floor(m / (24 * 60));
  const hours = Math.floor((m % (24 * 60)) / 60);
  return `${days} ${days === 1 ? "Tag" : "Tage"}${hours ? ` ${hours} Std.` : ""}`;
}

/** The last full week and the current one: what the text leads with. */
function keyWeeks(report: Report): { last: WeekFigures; current: WeekFigures } {
  return {
    last: report.weeks[report.weeks.length - 2] as WeekFigures,
    current: report.weeks[report.weeks.length - 1] as WeekFigures,
  };
}

const total = (w: WeekFigures) => w.received.api + w.received.email + w.received.manual;

/** The lines of one week's key figures, each labelled with the contract's words. */
export function weekLines(w: WeekFigures, opts: Pick<Report, "invitationsEnabled">): string[] {
  const kinds = opts.invitationsEnabled ? ` — Anfragen ${w.inquiries} · Einladungen ${w.invitations}` : "";
  return [
    `Eingegangen: *${total(w)}* (API ${w.received.api} · E-Mail ${w.received.email} · manuell ${w.received.manual})${kinds}`,
    `Entscheidungen: *${w.decisions}* · Antworten: *${w.answers}*`,
    `Gewonnen: *${w.won}* · Verloren: *${w.lost}*`,
    `Reaktionszeit (Median): *${durationText(w.reactionMedianMinutes)}*${w.reactions > 0 ? ` (aus ${w.reactions})` : ""}`,
  ];
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

/** All weeks as a fixed-width table (a code block: the digits line up on every client). */
export function weekTable(report: Report): string {
  // Short column heads, so that a row fits a phone; the key figures above carry the full labels.
  const head = `${"Woche".padEnd(12)}${pad("Eingeg.", 8)}${pad("API", 5)}${pad("E-Mail", 7)}${pad("manuell", 8)}${pad("Entsch.", 8)}${pad("Antw.", 6)}${pad("Gew.", 5)}${pad("Verl.", 6)}  Median`;
  const rows = report.weeks.map(
    (w) =>
      `${(w.partial ? `${w.label} bisher` : w.label).padEnd(12)}${pad(total(w), 8)}${pad(w.received.api, 5)}${pad(w.received.email, 7)}${pad(w.received.manual, 8)}${pad(w.decisions, 8)}${pad(w.answers, 6)}${pad(w.won, 5)}${pad(w.lost, 6)}  ${durationText(w.reactionMedianMinutes)}`,
  );
  return [head, ...rows].join("\n");
}

export function reportMessage(
  report: Report,
  opts: { names?: Record<string, string> } = {},
): { text: string; blocks: KnownBlock[] } {
  const { last, current } = keyWeeks(report);
  const text = `Wochenbericht ${last.label}: ${total(last)} eingegangen, ${last.decisions} Entscheidungen, ${last.answers} Antworten, Reaktionszeit (Median) ${durationText(last.reactionMedianMinutes)}`;
  const member = (user: string) => {
    const name = opts.names?.[user];
    // A name, not a mention: the weekly report should not ping everyone who worked last week.
    return name ? escapeMrkdwn(name) : `\`${escapeMrkdwn(user)}\``;
  };
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: `Wochenbericht ${last.label}`, emoji: false } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: [`*Letzte Woche (${last.label})*`, ...weekLines(last, report)].join("\n"),
      },
    },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: [`*Diese Woche bisher (${current.label})*`, ...weekLines(current, report)].join("\n"),
      },
    },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*Die letzten 12 Wochen* (Eingeg. = Eingegangen, Entsch. = Entscheidungen, Antw. = Antworten, Gew. = Gewonnen, Verl. = Verloren, Median = Reaktionszeit (Median))\n\`\`\`${weekTable(report)}\`\`\``,
      },
    },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text:
          report.members.length === 0
            ? `*Pro Teammitglied (${last.label})*\nKeine Entscheidungen und keine Antworten.`
            : [
                `*Pro Teammitglied (${last.label})*`,
                ...report.members
                  .slice(0, 20)
                  .map((m) => `${member(m.user)}: Entscheidungen ${m.decisions} · Antworten ${m.answers}`),
              ].join("\n"),
      },
    },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `Wochen von Montag bis Sonntag (${escapeMrkdwn(report.timeZone)}). Reaktionszeit: von der Ankunft bis zur ersten Reaktion (Antwort, Übernehmen oder Entscheidung). Der Bericht enthält keine Daten von Interessenten.`,
        },
      ],
    },
  ];
  return { text, blocks };
}

/** The chart's alt text: the same numbers in words, for screen readers. */
export function chartAltText(report: Report): string {
  const parts = report.weeks.map(
    (w) =>
      `${w.label}${w.partial ? " (bisher)" : ""}: ${total(w)} (API ${w.received.api}, E-Mail ${w.received.email}, manuell ${w.received.manual}), Median ${durationText(w.reactionMedianMinutes)}`,
  );
  return `Balkendiagramm der eingegangenen ${report.invitationsEnabled ? "Anfragen und Einladungen" : "Anfragen"} pro Woche nach Quelle, Linie der Reaktionszeit (Median). ${parts.join("; ")}.`.slice(
    0,
    1000,
  );
}
