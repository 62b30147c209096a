import { Prisma } from "../../prisma/generated/client.ts";
import type { Db, PrismaClient } from "../db.ts";
import type { MemberFigures, WeekFigures } from "./report.schema.ts";
import type { ReportWeek } from "./report-weeks.ts";

/**
 * The report's queries. Week boundaries come from the caller (wall-clock Mondays in the report's
 * time zone, see report-weeks.ts) as parameters, so every figure uses the same weeks and no query
 * depends on the database's own time-zone data.
 */

/**
 * Runs the report's reads in one transaction without PostgreSQL's JIT: for these aggregates over
 * 100,000 rows the JIT compiles for seconds to save milliseconds (measured: 2.2 s with, 0.6 s
 * without; bench/report.ts). `SET LOCAL` ends with the transaction, so no other query is touched.
 */
export function withoutJit<T>(prisma: PrismaClient, read: (db: Db) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL jit = off`;
      return read(tx);
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

type Figures = Omit<WeekFigures, "label" | "start" | "partial">;

/**
 * The week a time falls in, as the index into `weeks` (0 = oldest): width_bucket over the weeks'
 * starts, one comparison per boundary instead of a join of every row with every week. Callers
 * keep the time within [first start, last end).
 */
const weekIndex = (weeks: ReportWeek[], column: Prisma.Sql) =>
  Prisma.sql`(width_bucket(${column}, ARRAY[${Prisma.join(
    weeks.map((w) => Prisma.sql`${w.start}::timestamptz`),
  )}]) - 1)`;

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
    -- The first Übernehmen or answer of each request (the audit log keeps both; takenBy is cleared later).
    SELECT "entityId" AS id, min("createdAt") AS at FROM "AuditEntry"
      WHERE action IN (${Prisma.join(REACTIONS)}) AND "createdAt" >= ${from}
      GROUP BY "entityId"
  ) t ON t.id = r.id`;

/** Audit actions of an answer sent to a prospect (the conversation). */
const ANSWERS = ["inquiry.answered", "invitation.answered"];
/** Audit actions that count as a reaction besides the decision: Übernehmen and an answer. */
const REACTIONS = ["inquiry.taken", "invitation.taken", ...ANSWERS];

/** Per week: arrivals by source and kind, the median reaction, and the decisions made. */
export async function loadWeekFigures(db: Db, weeks: ReportWeek[]): Promise<Figures[]> {
  const from = (weeks[0] as ReportWeek).start;
  const to = (weeks[weeks.length - 1] as ReportWeek).end;
  // One after the other: in a transaction the queries share one connection anyway.
  const received = await db.$queryRaw<
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
      SELECT ${weekIndex(weeks, Prisma.sql`a."receivedAt"`)} AS i,
             count(*) FILTER (WHERE a.source = 'api')::int AS api,
             count(*) FILTER (WHERE a.source = 'email')::int AS email,
             count(*) FILTER (WHERE a.source = 'manual')::int AS manual,
             count(*) FILTER (WHERE a.kind = 'inquiry')::int AS inquiries,
             count(*) FILTER (WHERE a.kind = 'invitation')::int AS invitations,
             (percentile_cont(0.5) WITHIN GROUP (ORDER BY a.reaction))::float8 AS median,
             count(a.reaction)::int AS reactions
      FROM (${arrivals(from, to)}) a
      GROUP BY 1`;
  const decided = await db.$queryRaw<{ i: number; decisions: number }[]>`
      SELECT ${weekIndex(weeks, Prisma.sql`d."decidedAt"`)} AS i, count(*)::int AS decisions
      FROM (
        SELECT "decidedAt" FROM "Inquiry" WHERE "decidedAt" >= ${from} AND "decidedAt" < ${to}
        UNION ALL
        SELECT "decidedAt" FROM "Invitation" WHERE "decidedAt" >= ${from} AND "decidedAt" < ${to}
      ) d
      GROUP BY 1`;
  const answered = await db.$queryRaw<{ i: number; answers: number }[]>`
      SELECT ${weekIndex(weeks, Prisma.sql`"createdAt"`)} AS i, count(*)::int AS answers
      FROM "AuditEntry"
      WHERE action IN (${Prisma.join(ANSWERS)}) AND "createdAt" >= ${from} AND "createdAt" < ${to}
      GROUP BY 1`;
  // Requests that reached Gewonnen or Verloren in the week (the pipeline audits every phase change).
  const phases = await db.$queryRaw<{ i: number; won: number; lost: number }[]>`
      SELECT ${weekIndex(weeks, Prisma.sql`"createdAt"`)} AS i,
             count(DISTINCT "entityId") FILTER (WHERE after->>'phase' = 'won')::int AS won,
             count(DISTINCT "entityId") FILTER (WHERE after->>'phase' = 'lost')::int AS lost
      FROM "AuditEntry"
      WHERE action IN ('inquiry.phase_changed', 'invitation.phase_changed')
        AND "createdAt" >= ${from} AND "createdAt" < ${to}
      GROUP BY 1`;
  return weeks.map((_, i) => {
    const r = received.find((row) => Number(row.i) === i);
    const d = decided.find((row) => Number(row.i) === i);
    const a = answered.find((row) => Number(row.i) === i);
    const p = phases.find((row) => Number(row.i) === i);
    return {
      received: { api: r?.api ?? 0, email: r?.email ?? 0, manual: r?.manual ?? 0 },
      inquiries: r?.inquiries ?? 0,
      invitations: r?.invitations ?? 0,
      decisions: d?.decisions ?? 0,
      answers: a?.answers ?? 0,
      won: p?.won ?? 0,
      lost: p?.lost ?? 0,
      reactionMedianMinutes: r?.median == null ? null : Math.round((Number(r.median) / 60) * 10) / 10,
      reactions: r?.reactions ?? 0,
    };
  });
}

/** Per member: the decisions made and answers sent in one week, most active first. */
export async function loadMemberFigures(db: Db, week: ReportWeek): Promise<MemberFigures[]> {
  const rows = await db.$queryRaw<{ user: string; decisions: number; answers: number }[]>`
    SELECT "user", count(*) FILTER (WHERE what = 'decision')::int AS decisions,
           count(*) FILTER (WHERE what = 'answer')::int AS answers
    FROM (
      SELECT "decidedBy" AS "user", 'decision' AS what FROM "Inquiry"
        WHERE "decidedAt" >= ${week.start} AND "decidedAt" < ${week.end}
      UNION ALL
      SELECT "decidedBy", 'decision' FROM "Invitation"
        WHERE "decidedAt" >= ${week.start} AND "decidedAt" < ${week.end}
      UNION ALL
      SELECT actor, 'answer' FROM "AuditEntry"
        WHERE action IN (${Prisma.join(ANSWERS)}) AND "createdAt" >= ${week.start} AND "createdAt" < ${week.end}
    ) d
    WHERE "user" IS NOT NULL AND "user" NOT IN ('api', 'system')
    GROUP BY "user" ORDER BY count(*) DESC, "user" LIMIT 200`;
  return rows.map((r) => ({ user: r.user, decisions: r.decisions, answers: r.answers }));
}
