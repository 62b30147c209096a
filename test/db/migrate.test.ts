// bot/db/migrate.ts against a fresh in-memory PGlite, and against a fresh PostgreSQL database when
// TEST_DATABASE_URL is set (a database named after it plus a suffix is created there and dropped after).

import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, MigrationError } from "../../bot/db/migrate.ts";
import { openPglite } from "../../bot/db/pglite.ts";
import { dropDatabase } from "../support/global-setup.ts";

const TABLES = [
  "AnswerTemplate",
  "AuditEntry",
  "Contract",
  "ConversationEntry",
  "Customer",
  "DigestMessage",
  "Domain",
  "FollowUp",
  "Inquiry",
  "Invitation",
  "OutboxJob",
  "OutboxLane",
  "RequestNote",
  "RequestThreadMessage",
  "ScheduleSlot",
  "Task",
  "WorkerLease",
  "_prisma_migrations",
];

interface Target {
  factory(): SqlMigrationAwareDriverAdapterFactory;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

function migrationSuite(target: () => Target) {
  it("applies every migration to a fresh database, then nothing", async () => {
    const log: string[] = [];
    const first = await applyMigrations(target().factory(), undefined, (m) => log.push(m));
    expect(first).toEqual(await migrationNames());
    expect(first[0]).toMatch(/^\d{14}_init$/);
    expect(log.some((m) => m.startsWith("applied "))).toBe(true);

    expect(await applyMigrations(target().factory())).toEqual([]);
    const rows = await target().query<{ migration_name: string; finished: boolean }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(first.map((migration_name) => ({ migration_name, finished: true })));
  });

  it("skips the schema engine when every migration is applied unchanged, and asks it when one was edited", async () => {
    await applyMigrations(target().factory());
    const log: string[] = [];
    expect(await applyMigrations(target().factory(), undefined, (m) => log.push(m))).toEqual([]);
    expect(log).toContain("database schema is up to date (every migration applied, checksums match)");
    expect(log.some((m) => m.startsWith("schema engine"))).toBe(false);

    const [first] = await migrationNames();
    const [{ checksum } = { checksum: "" }] = await target().query<{ checksum: string }>(
      `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = $1`,
      [first],
    );
    await target().query(`UPDATE "_prisma_migrations" SET checksum = 'edited' WHERE migration_name = $1`, [
      first,
    ]);
    try {
      const edited: string[] = [];
      expect(await applyMigrations(target().factory(), undefined, (m) => edited.push(m))).toEqual([]);
      expect(edited).toContain(`warning: applied migrations were edited since: ${first}`);
    } finally {
      await target().query(`UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2`, [
        checksum,
        first,
      ]);
    }
  });

  it("creates the tables, the pg_trgm index and the triggers", async () => {
    const tables = await target().query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    expect(tables.map((t) => t.tablename).sort()).toEqual([...TABLES].sort());
    const ext = await target().query(`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(ext).toHaveLength(1);
    const idx = await target().query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'Customer_searchText_trgm_idx'`,
    );
    expect(idx[0]?.indexdef).toContain("gin_trgm_ops");
    const triggers = await target().query<{ tgname: string }>(
      `SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`,
    );
    expect(triggers.map((t) => t.tgname)).toEqual([
      "Inquiry_decision_is_permanent",
      "Invitation_decision_is_permanent",
    ]);
  });

  it("makes an inquiry's customer and status permanent", async () => {
    const q = target().query;
    const [c1] = await q<{ id: string }>(
      `INSERT INTO "Customer" (id, company, "updatedAt") VALUES (gen_random_uuid(), 'A', now()) RETURNING id`,
    );
    const [c2] = await q<{ id: string }>(
      `INSERT INTO "Customer" (id, company, "updatedAt") VALUES (gen_random_uuid(), 'B', now()) RETURNING id`,
    );
    const [inquiry] = await q<{ id: string }>(
      `INSERT INTO "Inquiry" (id, name, email, "receivedAt", "updatedAt")
       VALUES (gen_random_uuid(), 'Erika', 'erika@example.org', now(), now()) RETURNING id`,
    );
    const id = inquiry!.id;
    await q(`UPDATE "Inquiry" SET "customerId" = $1, status = 'assigned', "decidedBy" = 'U1' WHERE id = $2`, [
      c1!.id,
      id,
    ]);

    await expect(q(`UPDATE "Inquiry" SET "customerId" = $1 WHERE id = $2`, [c2!.id, id])).rejects.toThrow(
      /decision is permanent: Inquiry .* already assigned to customer/,
    );
    await expect(q(`UPDATE "Inquiry" SET "customerId" = NULL WHERE id = $1`, [id])).rejects.toThrow(
      /decision is permanent/,
    );
    await expect(q(`UPDATE "Inquiry" SET status = 'open' WHERE id = $1`, [id])).rejects.toThrow(
      /decision is permanent: Inquiry .* has status assigned, it cannot change to open/,
    );
    // Other columns stay editable, and re-stating the same values is no change.
    await q(`UPDATE "Inquiry" SET "slackTs" = '1.2', "customerId" = $1, status = 'assigned' WHERE id = $2`, [
      c1!.id,
      id,
    ]);
    const [row] = await q<{ customerId: string; status: string }>(
      `SELECT "customerId", status::text AS status FROM "Inquiry" WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ customerId: c1!.id, status: "assigned" });
  });

  it("makes an invitation's decision permanent", async () => {
    const q = target().query;
    const [customer] = await q<{ id: string }>(
      `INSERT INTO "Customer" (id, company, "updatedAt") VALUES (gen_random_uuid(), 'C', now()) RETURNING id`,
    );
    const [invitation] = await q<{ id: string }>(
      `INSERT INTO "Invitation" (id, name, email, "accessLevel", "receivedAt", "updatedAt")
       VALUES (gen_random_uuid(), 'Max', 'max@example.org', 'full', now(), now()) RETURNING id`,
    );
    const id = invitation!.id;
    await q(`UPDATE "Invitation" SET status = 'connected' WHERE id = $1`, [id]);
    await q(`UPDATE "Invitation" SET status = 'connected', "decidedBy" = 'U2' WHERE id = $1`, [id]);
    // A customer may still be attached once (decision first, customer record afterwards) …
    await q(`UPDATE "Invitation" SET "customerId" = $1 WHERE id = $2`, [customer!.id, id]);
    // … but the decision itself cannot change.
    await expect(q(`UPDATE "Invitation" SET status = 'declined' WHERE id = $1`, [id])).rejects.toThrow(
      /decision is permanent: Invitation .* has status connected, it cannot change to declined/,
    );
    await expect(q(`UPDATE "Invitation" SET status = 'pending' WHERE id = $1`, [id])).rejects.toThrow(
      /decision is permanent/,
    );
    const [other] = await q<{ id: string }>(
      `INSERT INTO "Invitation" (id, name, email, "accessLevel", "receivedAt", "updatedAt", "customerId")
       VALUES (gen_random_uuid(), 'Eva', 'eva@example.org', 'partial', now(), now(), $1) RETURNING id`,
      [customer!.id],
    );
    // Still pending, but the customer is already set: that part is permanent on its own.
    await expect(q(`UPDATE "Invitation" SET "customerId" = NULL WHERE id = $1`, [other!.id])).rejects.toThrow(
      /decision is permanent: Invitation .* already assigned to customer .* cannot be changed to NULL/,
    );
    await q(`UPDATE "Invitation" SET status = 'declined' WHERE id = $1`, [other!.id]);
  });

  it("records a failing migration as failed, without partial changes, and refuses to go on", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "kundenbot-migrations-"));
    try {
      await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
      await mkdir(path.join(dir, "29991231235959_broken"));
      await writeFile(
        path.join(dir, "29991231235959_broken", "migration.sql"),
        `CREATE TABLE "Broken" (note TEXT DEFAULT 'a;b');\nSELECT 1/0;\n`,
      );
      const error = await applyMigrations(target().factory(), dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(/29991231235959_broken.*\n?.*division by zero/);
      expect(await target().query(`SELECT 1 FROM pg_tables WHERE tablename = 'Broken'`)).toHaveLength(0);
      await expect(applyMigrations(target().factory(), dir)).rejects.toThrow(/failed migrations/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("names the folder when the migrations folder is missing", async () => {
    await expect(applyMigrations(target().factory(), "/nonexistent/migrations")).rejects.toThrow(
      /Cannot read the migrations folder \/nonexistent\/migrations/,
    );
  });
}

describe("applyMigrations on PGlite (in memory)", () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await openPglite(undefined);
  });
  afterAll(async () => {
    await db?.close();
  });
  migrationSuite(() => ({
    factory: () => new PrismaPGlite(db),
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
  }));
});

const testDatabaseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!testDatabaseUrl)("applyMigrations on PostgreSQL (TEST_DATABASE_URL)", () => {
  let admin: pg.Client;
  let pool: pg.Pool;
  let url: string;
  let name: string;
  beforeAll(async () => {
    const base = new URL(testDatabaseUrl!);
    name = `${base.pathname.slice(1) || "postgres"}_migrate_${process.pid}_${Date.now()}`.toLowerCase();
    admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    base.pathname = `/${name}`;
    url = base.toString();
    pool = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    if (admin) {
      await admin.end();
      await dropDatabase(testDatabaseUrl as string, name);
    }
  });
  migrationSuite(() => ({
    factory: () => new PrismaPg({ connectionString: url }),
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
  }));
});
