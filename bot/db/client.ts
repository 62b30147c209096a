import { existsSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { Logger } from "pino";
import { PrismaClient } from "../../prisma/generated/client.ts";
import { applyMigrations } from "./migrate.ts";
import { openPglite } from "./pglite.ts";
import { readPgliteTemplate } from "./pglite-template.ts";

export interface Database {
  prisma: PrismaClient;
  kind: "postgresql" | "pglite";
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  log: Logger;
  /** An already open PGlite (tests restore a migrated snapshot instead of a data directory). */
  pglite?: PGlite;
}

/**
 * Opens PostgreSQL when a URL is given, else the embedded PGlite under DATA_DIR, and applies
 * pending migrations before anything else touches the database (ADR 001).
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const log = opts.log.child({ module: "db" });
  const started = Date.now();
  let factory: SqlMigrationAwareDriverAdapterFactory;
  let pglite: PGlite | undefined;
  let reused: boolean | undefined;
  if (opts.databaseUrl) {
    factory = new PrismaPg({ connectionString: opts.databaseUrl, max: 10 });
  } else {
    const dir = path.resolve(opts.dataDir, "pglite");
    reused = opts.pglite ? undefined : existsSync(path.join(dir, "PG_VERSION"));
    pglite = opts.pglite ?? (await openPglite(dir, { template: readPgliteTemplate }));
    factory = new PrismaPGlite(pglite);
  }
  const kind = opts.databaseUrl ? "postgresql" : "pglite";
  const applied = await applyMigrations(factory);
  log.info({ kind, applied, reusedData: reused, ms: Date.now() - started }, "database ready");

  // PGlite is a single connection: transactions queue behind each other, so give them room.
  const prisma = new PrismaClient({
    adapter: factory,
    transactionOptions:
      kind === "pglite" ? { maxWait: 10_000, timeout: 15_000 } : { maxWait: 5_000, timeout: 10_000 },
  });
  return {
    prisma,
    kind,
    async ping() {
      try {
        await prisma.$queryRaw`SELECT 1`;
        return true;
      } catch (err) {
        log.warn({ err }, "database ping failed");
        return false;
      }
    },
    async close() {
      await prisma.$disconnect();
      if (pglite && !opts.pglite) await pglite.close();
    },
  };
}
