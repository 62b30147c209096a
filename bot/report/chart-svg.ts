import type { Report, WeekFigures } from "../../domain/report/report.ts";

/**
 * The report's chart as SVG: the weekly requests as bars stacked by source and the median reaction
 * time as a line on a second axis. Drawn by hand from the report's numbers (ADR 012): a dozen
 * rectangles, a polyline and some text need no charting library, and nothing else can draw
 * numbers that differ from the text's.
 */

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 640;
export const CHART_FONT_FAMILY = "DejaVu Sans";

/** Series in stacking order (bottom first), with their German labels and colours. */
export const SOURCES = [
  { key: "api", label: "API", color: "#1264A3" },
  { key: "email", label: "E-Mail", color: "#2EB67D" },
  { key: "manual", label: "manuell", color: "#ECB22E" },
] as const;
const LINE_COLOR = "#E01E5A";

const plot = { left: 90, right: CHART_WIDTH - 100, top: 120, bottom: CHART_HEIGHT - 130 };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A round step for about `count` ticks up to `max` (1, 2, 5 × 10^n). */
export function niceStep(max: number, count = 5): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(step, 1);
}

/** Reaction times in minutes below two hours, else in hours. */
export function reactionUnit(report: Report): { label: "Min." | "Std."; per: number } {
  const max = Math.max(0, ...report.weeks.map((w) => w.reactionMedianMinutes ?? 0));
  return max < 120 ? { label: "Min.", per: 1 } : { label: "Std.", per: 60 };
}

export const weekTotal = (w: WeekFigures) => w.received.api + w.received.email + w.received.manual;

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace(".", ","));

export function chartSvg(report: Report): string {
  const weeks = report.weeks;
  const totals = weeks.map(weekTotal);
  const countStep = niceStep(Math.max(...totals, 1));
  const countMax = Math.max(countStep, Math.ceil(Math.max(...totals, 1) / countStep) * countStep);
  const unit = reactionUnit(report);
  const reactions = weeks.map((w) =>
    w.reactionMedianMinutes === null ? null : w.reactionMedianMinutes / unit.per,
  );
  const reactionTop = Math.max(1, ...reactions.map((r) => r ?? 0));
  const reactionStep = niceStep(reactionTop);
  const reactionMax = Math.ceil(reactionTop / reactionStep) * reactionStep;

  const height = plot.bottom - plot.top;
  const slot = (plot.right - plot.left) / weeks.length;
  const barWidth = slot * 0.62;
  const yCount = (v: number) => plot.bottom - (v / countMax) * height;
  const yReaction = (v: number) => plot.bottom - (v / reactionMax) * height;
  const xCenter = (i: number) => plot.left + slot * i + slot / 2;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="100%" height="100%" fill="#FFFFFF"/>`,
    `<text x="${plot.left}" y="48" font-size="30" font-weight="bold" fill="#1D1C1D">${report.invitationsEnabled ? "Eingegangene Anfragen und Einladungen pro Woche" : "Eingegangene Anfragen pro Woche"}</text>`,
    `<text x="${plot.left}" y="84" font-size="20" fill="#616061">${esc(
      `${weeks[0]?.label} bis ${weeks[weeks.length - 1]?.label} (bisher) · Linie: Reaktionszeit (Median) in ${unit.label === "Min." ? "Minuten" : "Stunden"}`,
    )}</text>`,
  );
  // Grid and the left axis (requests).
  for (let v = 0; v <= countMax; v += countStep) {
    const y = yCount(v);
    out.push(
      `<line x1="${plot.left}" x2="${plot.right}" y1="${y}" y2="${y}" stroke="#E8E8E8" stroke-width="1"/>`,
      `<text x="${plot.left - 12}" y="${y + 7}" font-size="20" text-anchor="end" fill="#616061">${v}</text>`,
    );
  }
  // The right axis (reaction time).
  for (let v = 0; v <= reactionMax; v += reactionStep) {
    out.push(
      `<text x="${plot.right + 12}" y="${yReaction(v) + 7}" font-size="20" fill="${LINE_COLOR}">${fmt(v)}</text>`,
    );
  }
  // Bars, stacked bottom up; the current week lighter, as it is not over.
  weeks.forEach((w, i) => {
    let base = 0;
    const x = xCenter(i) - barWidth / 2;
    for (const s of SOURCES) {
      const value = w.received[s.key];
      if (value > 0) {
        const y0 = yCount(base);
        const y1 = yCount(base + value);
        out.push(
          `<rect x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y0 - y1).toFixed(1)}" fill="${s.color}"${w.partial ? ' fill-opacity="0.55"' : ""}/>`,
        );
      }
      base += value;
    }
    out.push(
      `<text x="${xCenter(i).toFixed(1)}" y="${(yCount(base) - 8).toFixed(1)}" font-size="18" text-anchor="middle" fill="#1D1C1D">${base}</text>`,
      `<text x="${xCenter(i).toFixed(1)}" y="${plot.bottom + 30}" font-size="18" text-anchor="middle" fill="#1D1C1D">${esc(w.label.replace("KW ", "KW\u00a0"))}</text>`,
    );
    if (w.partial)
      out.push(
        `<text x="${xCenter(i).toFixed(1)}" y="${plot.bottom + 52}" font-size="16" text-anchor="middle" fill="#616061">bisher</text>`,
      );
  });
  out.push(
    `<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="#8D8D8D" stroke-width="2"/>`,
  );
  // The reaction line: broken where a week had no reaction.
  let segment: string[] = [];
  const flush = () => {
    if (segment.length > 1)
      out.push(
        `<polyline points="${segment.join(" ")}" fill="none" stroke="${LINE_COLOR}" stroke-width="4" stroke-linejoin="round"/>`,
      );
    segment = [];
  };
  reactions.forEach((r, i) => {
    if (r === null) {
      flush();
      return;
    }
    const point = `${xCenter(i).toFixed(1)},${yReaction(r).toFixed(1)}`;
    segment.push(point);
    out.push(
      `<circle cx="${xCenter(i).toFixed(1)}" cy="${yReaction(r).toFixed(1)}" r="6" fill="${LINE_COLOR}"/>`,
    );
  });
  flush();
  // Legend.
  const legendY = CHART_HEIGHT - 36;
  let lx = plot.left;
  for (const s of SOURCES) {
    out.push(
      `<rect x="${lx}" y="${legendY - 18}" width="22" height="22" fill="${s.color}"/>`,
      `<text x="${lx + 30}" y="${legendY}" font-size="20" fill="#1D1C1D">${esc(s.label)}</text>`,
    );
    lx += 30 + s.label.length * 12 + 40;
  }
  out.push(
    `<line x1="${lx}" x2="${lx + 34}" y1="${legendY - 7}" y2="${legendY - 7}" stroke="${LINE_COLOR}" stroke-width="4"/>`,
    `<circle cx="${lx + 17}" cy="${legendY - 7}" r="6" fill="${LINE_COLOR}"/>`,
    `<text x="${lx + 44}" y="${legendY}" font-size="20" fill="#1D1C1D">${esc(`Reaktionszeit (Median, ${unit.label})`)}</text>`,
    `<text x="${plot.left - 12}" y="${plot.top - 14}" font-size="18" text-anchor="end" fill="#616061">Anzahl</text>`,
    `<text x="${plot.right + 12}" y="${plot.top - 14}" font-size="18" fill="${LINE_COLOR}">${unit.label}</text>`,
    "</svg>",
  );
  return out.join("\n");
}
