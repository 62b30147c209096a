import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../bot/db/migrate.ts";
import { openPglite } from "../../bot/db/pglite.ts";
import { readPgliteTemplate } from "../../bot/db/pglite-template.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgTemplate: { adminUrl: string; template: string } | null;
  }
}

/** Migrates once per run: a PGlite snapshot to restore, and (with TEST_DATABASE_URL) a template database to copy. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), "kundenbot-test-"));
  // Start from the install-time template when there is one (restoring beats initdb), then catch up.
  const template = await readPgliteTemplate();
  const lite = template
    ? new PGlite({ loadDataDir: template, extensions: { pg_trgm } })
    : await openPglite(undefined);
  await lite.waitReady;
  await applyMigrations(new PrismaPGlite(lite));
  const snapshot = await lite.dumpDataDir("none");
  await lite.close();
  const snapshotPath = path.join(dir, "pglite-snapshot.tar");
  await writeFile(snapshotPath, Buffer.from(await snapshot.arrayBuffer()));
  project.provide("pgliteSnapshot", snapshotPath);

  let pgTemplate: string | null = null;
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    pgTemplate = `kundenbot_tpl_${process.pid}_${Date.now()}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${pgTemplate}"`);
    const factory = new PrismaPg({ connectionString: withDatabase(adminUrl, pgTemplate) });
    await applyMigrations(factory);
    project.provide("pgTemplate", { adminUrl, template: pgTemplate });
  } else {
    project.provide("pgTemplate", null);
  }

  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (adminUrl && pgTemplate) await dropDatabase(adminUrl, pgTemplate);
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Drops a database once its connections are gone (waiting up to 5 s), then by force: a forced drop
 * terminates pooled clients that nobody listens to, which surfaces as an unhandled 57P01.
 */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
        [name],
      );
      if (rows[0]?.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
