import { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import type { MemberFigures, WeekFigures } from "./report.schema.ts";
import type { ReportWeek } from "./report-weeks.ts";

/**
 * The report's queries. Week boundaries come from the caller (wall-clock Mondays in the report's
 * time zone, see report-weeks.ts) as a VALUES list, so every figure uses the same weeks and no
 * query depends on the database's own time-zone data.
 */

type Figures = Omit<WeekFigures, "label" | "start" | "partial">;

const weeksTable = (weeks: ReportWeek[]) =>
  Prisma.sql`(VALUES ${Prisma.join(
    weeks.map((w, i) => Prisma.sql`(${i}::int, ${w.start}::timestamptz, ${w.end}::timestamptz)`),
  )}) AS w(i, s, e)`;

/** The requests that arrived in the report's span, both kinds, with their first reaction. */
const arrivals = (from: Date, to: Date) => Prisma.sql`
  SELECT r.kind, r.source, r."receivedAt",
         -- GREATEST would turn "no reaction yet" (NULL) into 0: keep NULL out of the median.
         CASE WHEN LEAST(r."decidedAt", t.at) IS NULL THEN NULL
              ELSE GREATEST(EXTRACT(EPOCH FROM (LEAST(r."decidedAt", t.at) - r."receivedAt")), 0)
         END AS reaction
  FROM (
    SELECT 'inquiry' AS kind, source::text AS source, id::text AS id, "receivedAt", "decidedAt"
      FROM "Inquiry" WHERE "receivedAt" >= ${from} AND "receivedAt" < ${to}
    UNION ALL
    SELECT 'invitation', 'api', id::text, "receivedAt", "decidedAt"
      FROM "Invitation" WHERE "receivedAt" >= ${from} AND "receivedAt" < ${to}
  ) r
  LEFT JOIN (
    -- The first Übernehmen of each request (the audit log keeps it; takenBy is cleared later).
    SELECT "entityId" AS id, min("createdAt") AS at FROM "AuditEntry"
      WHERE action IN ('inquiry.taken', 'invitation.taken') AND "createdAt" >= ${from}
      GROUP BY "entityId"
  ) t ON t.id = r.id`;

/** Per week: arrivals by source and kind, the median reaction, and the decisions made. */
export async function loadWeekFigures(db: Db, weeks: ReportWeek[]): Promise<Figures[]> {
  const from = (weeks[0] as ReportWeek).start;
  const to = (weeks[weeks.length - 1] as ReportWeek).end;
  const [received, decided] = await Promise.all([
    db.$queryRaw<
      {
        i: number;
        api: number;
        email: number;
        manual: number;
        inquiries: number;
        invitations: number;
        median: number | null;
        reactions: number;
      }[]
    >`
      SELECT w.i,
             count(*) FILTER (WHERE a.source = 'api')::int AS api,
             count(*) FILTER (WHERE a.source = 'email')::int AS email,
             count(*) FILTER (WHERE a.source = 'manual')::int AS manual,
             count(*) FILTER (WHERE a.kind = 'inquiry')::int AS inquiries,
             count(*) FILTER (WHERE a.kind = 'invitation')::int AS invitations,
             (percentile_cont(0.5) WITHIN GROUP (ORDER BY a.reaction))::float8 AS median,
             count(a.reaction)::int AS reactions
      FROM ${weeksTable(weeks)}
      JOIN (${arrivals(from, to)}) a ON a."receivedAt" >= w.s AND a."receivedAt" < w.e
      GROUP BY w.i`,
    db.$queryRaw<{ i: number; decisions: number }[]>`
      SELECT w.i, count(*)::int AS decisions
      FROM ${weeksTable(weeks)}
      JOIN (
        SELECT "decidedAt" FROM "Inquiry" WHERE "decidedAt" >= ${from} AND "decidedAt" < ${to}
        UNION ALL
        SELECT "decidedAt" FROM "Invitation" WHERE "decidedAt" >= ${from} AND "decidedAt" < ${to}
      ) d ON d."decidedAt" >= w.s AND d."decidedAt" < w.e
      GROUP BY w.i`,
  ]);
  return weeks.map((_, i) => {
    const r = received.find((row) => Number(row.i) === i);
    const d = decided.find((row) => Number(row.i) === i);
    return {
      received: { api: r?.api ?? 0, email: r?.email ?? 0, manual: r?.manual ?? 0 },
      inquiries: r?.inquiries ?? 0,
      invitations: r?.invitations ?? 0,
      decisions: d?.decisions ?? 0,
      reactionMedianMinutes: r?.median == null ? null : Math.round((Number(r.median) / 60) * 10) / 10,
      reactions: r?.reactions ?? 0,
    };
  });
}

/** Per member: the decisions made in one week, most first. */
export async function loadMemberFigures(db: Db, week: ReportWeek): Promise<MemberFigures[]> {
  const rows = await db.$queryRaw<{ user: string; decisions: number }[]>`
    SELECT "decidedBy" AS user, count(*)::int AS decisions FROM (
      SELECT "decidedBy" FROM "Inquiry" WHERE "decidedAt" >= ${week.start} AND "decidedAt" < ${week.end}
      UNION ALL
      SELECT "decidedBy" FROM "Invitation" WHERE "decidedAt" >= ${week.start} AND "decidedAt" < ${week.end}
    ) d
    WHERE "decidedBy" IS NOT NULL AND "decidedBy" NOT IN ('api', 'system')
    GROUP BY "decidedBy" ORDER BY count(*) DESC, "decidedBy" LIMIT 200`;
  return rows.map((r) => ({ user: r.user, decisions: r.decisions }));
}
