// The weekly report over 100,000 requests and 12 weeks on PostgreSQL: its numbers (loadReport)
// and its PNG (renderChartPng), each timed over several rounds, against a bare count(*) of the
// same rows as the baseline of this run. Target: numbers and PNG together under 2 s.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { applyMigrations } from "../bot/db/migrate.ts";
import { renderChartPng } from "../bot/report/render-png.ts";
import { loadReport } from "../domain/report/report.ts";
import { PrismaClient } from "../prisma/generated/client.ts";
import type { BenchSection } from "./sections.ts";
import { ms, scratchDatabase, summarize } from "./support.ts";

const REQUESTS = 100_000;
const ROUNDS = 7;
const TARGET_MS = 2_000;

/** 100,000 requests spread over the last 13 weeks: 85 % inquiries from every source, 15 % invitations; most decided, a third taken. */
export async function seed(client: pg.Client) {
  const inquiries = Math.round(REQUESTS * 0.85);
  await client.query(
    `INSERT INTO "Inquiry" (id, source, name, email, "receivedAt", status, "decidedAt", "decidedBy", "updatedAt")
     SELECT gen_random_uuid(), (ARRAY['api','email','manual'])[1 + i % 3]::"RequestSource",
            'Bench ' || i, 'bench' || i || '@example.com', at,
            CASE WHEN i % 5 < 3 THEN 'assigned' ELSE 'open' END::"InquiryStatus",
            CASE WHEN i % 5 < 3 THEN at + (i % 600) * interval '1 minute' END,
            CASE WHEN i % 5 < 3 THEN 'U0MEMBER0' || (i % 4) END, now()
     FROM (SELECT i, now() - (i % (91 * 24 * 60)) * interval '1 minute' AS at FROM generate_series(1, $1) i) s`,
    [inquiries],
  );
  await client.query(
    `INSERT INTO "Invitation" (id, name, email, "accessLevel", "receivedAt", status, "decidedAt", "decidedBy", "updatedAt")
     SELECT gen_random_uuid(), 'Bench ' || i, 'inv' || i || '@example.com', 'full', at,
            CASE WHEN i % 2 = 0 THEN 'connected' ELSE 'pending' END::"InvitationStatus",
            CASE WHEN i % 2 = 0 THEN at + (i % 900) * interval '1 minute' END,
            CASE WHEN i % 2 = 0 THEN 'U0MEMBER0' || (i % 4) END, now()
     FROM (SELECT i, now() - (i % (91 * 24 * 60)) * interval '1 minute' AS at FROM generate_series(1, $1) i) s`,
    [REQUESTS - inquiries],
  );
  // A third of the inquiries were taken (Übernehmen) before anything else happened.
  await client.query(
    `INSERT INTO "AuditEntry" (actor, action, "entityType", "entityId", "createdAt")
     SELECT 'U0MEMBER01', 'inquiry.taken', 'inquiry', id::text, "receivedAt" + interval '7 minutes'
     FROM "Inquiry" WHERE get_byte(uuid_send(id), 0) % 3 = 0`,
  );
  await client.query(`ANALYZE`);
}

async function time(fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

export const reportBench: BenchSection = {
  name: "report",
  title: `weekly report over ${REQUESTS.toLocaleString("en")} requests and 12 weeks (PostgreSQL): numbers and PNG`,
  async run() {
    const { url, drop } = await scratchDatabase();
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 5 }) });
    const client = new pg.Client({ connectionString: url });
    try {
      await applyMigrations(new PrismaPg({ connectionString: url }));
      await client.connect();
      const seeded = performance.now();
      await seed(client);
      console.log(`seeded in ${ms(performance.now() - seeded)}`);
      const opts = { now: new Date(), timeZone: "Europe/Berlin", invitationsEnabled: true };
      const baseline = await time(() =>
        client.query(
          `SELECT (SELECT count(*) FROM "Inquiry") + (SELECT count(*) FROM "Invitation") + (SELECT count(*) FROM "AuditEntry")`,
        ),
      );
      const report = await loadReport(prisma, opts);
      const counted = report.weeks.reduce(
        (s, w) => s + w.received.api + w.received.email + w.received.manual,
        0,
      );
      const numbers = await time(() => loadReport(prisma, opts));
      const png = await time(() => renderChartPng(report));
      const both = await time(async () => renderChartPng(await loadReport(prisma, opts)));
      console.log(`requests in the report's 13 weeks: ${counted.toLocaleString("en")}`);
      console.log(`baseline, count(*) of the same tables: p50 ${ms(baseline.p50)}, max ${ms(baseline.max)}`);
      console.log(`numbers (loadReport):                 p50 ${ms(numbers.p50)}, max ${ms(numbers.max)}`);
      console.log(`PNG (renderChartPng):                 p50 ${ms(png.p50)}, max ${ms(png.max)}`);
      console.log(
        `numbers and PNG:                      p50 ${ms(both.p50)}, max ${ms(both.max)} → ${(both.max / baseline.p50).toFixed(1)} × baseline; target max < ${TARGET_MS} ms: ${both.max < TARGET_MS ? "met" : "NOT met"}`,
      );
    } finally {
      await client.end().catch(() => {});
      await prisma.$disconnect();
      await drop();
    }
  },
};
