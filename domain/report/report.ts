import type { PrismaClient } from "../db.ts";
import type { MemberFigures, Report, WeekFigures } from "./report.schema.ts";
import { loadMemberFigures, loadWeekFigures, withoutJit } from "./report-repository.ts";
import { reportWeeks, weekLabel } from "./report-weeks.ts";

export type { MemberFigures, Report, WeekFigures };

export const FULL_WEEKS = 12;

/** The report as of `now`: one query per figure family over all 13 weeks. */
export async function loadReport(
  prisma: PrismaClient,
  opts: { now: Date; timeZone: string; invitationsEnabled: boolean },
): Promise<Report> {
  const weeks = reportWeeks(opts.now, opts.timeZone, FULL_WEEKS);
  const lastFull = weeks[weeks.length - 2] as (typeof weeks)[number];
  const [figures, members] = await withoutJit(
    prisma,
    async (db) => [await loadWeekFigures(db, weeks), await loadMemberFigures(db, lastFull)] as const,
  );
  return {
    asOf: opts.now.toISOString(),
    timeZone: opts.timeZone,
    invitationsEnabled: opts.invitationsEnabled,
    weeks: weeks.map((w, i) => ({
      label: weekLabel(w),
      start: w.start.toISOString(),
      partial: w.partial,
      ...(figures[i] as Omit<WeekFigures, "label" | "start" | "partial">),
    })),
    members,
  };
}
