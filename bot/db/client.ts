import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { Logger } from "pino";
import { PrismaClient } from "../../prisma/generated/client.ts";
import { type DataDirLock, lockDataDir } from "./data-dir-lock.ts";
import { applyMigrations } from "./migrate.ts";

export interface Database {
  prisma: PrismaClient;
  kind: "postgresql" | "pglite";
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  /**
   * After an erasure: makes the erased values unreadable in the embedded database's files too (its
   * tables rewritten, the WAL that held them switched and removed). Undefined for PostgreSQL, whose
   * files, WAL and backups are the operator's (docs/privacy.md).
   */
  purgeErased?: (tables: string[]) => Promise<void>;
  close(): Promise<void>;
}

/** Connections per instance to PostgreSQL. */
const POOL_SIZE = 10;

/** Opens every connection of the pool now, at start, instead of during the first burst of requests. */
async function warmPool(prisma: PrismaClient, log: Logger): Promise<void> {
  try {
    await prisma.$transaction(async () => {}); // the client connects its adapter once
    await Promise.all(
      Array.from({ length: POOL_SIZE }, () => prisma.$queryRaw`SELECT 1 AS ok FROM pg_sleep(0.01)`),
    );
  } catch (err) {
    log.warn({ err }, "could not open the database connections at start; they open when needed");
  }
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
  let lock: DataDirLock | undefined;
  if (opts.databaseUrl) {
    // The pool stays at its size: opening a connection forks a server process, which under a
    // burst of clicks would compete with their acks for the CPU (see warmPool below).
    // Each driver is loaded only when it is used: PGlite's WebAssembly is not needed with PostgreSQL.
    const { PrismaPg } = await import("@prisma/adapter-pg");
    factory = new PrismaPg({ connectionString: opts.databaseUrl, max: POOL_SIZE, min: POOL_SIZE });
  } else {
    const dir = path.resolve(opts.dataDir, "pglite");
    reused = opts.pglite ? undefined : existsSync(path.join(dir, "PG_VERSION"));
    if (!opts.pglite) {
      // One process per embedded database: a second one stops here, before it touches the files.
      await mkdir(path.resolve(opts.dataDir), { recursive: true, mode: 0o700 });
      lock = await lockDataDir(path.resolve(opts.dataDir), opts.dataDir);
    }
    try {
      const [{ PrismaPGlite }, { openPglite }, { restorePgliteTemplate }] = await Promise.all([
        import("pglite-prisma-adapter"),
        import("./pglite.ts"),
        import("./pglite-template.ts"),
      ]);
      pglite = opts.pglite ?? (await openPglite(dir, { restoreTemplate: (d) => restorePgliteTemplate(d) }));
      factory = new PrismaPGlite(pglite);
    } catch (err) {
      await lock?.release();
      throw err;
    }
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
  if (kind === "postgresql") await warmPool(prisma, log);
  const embedded = pglite;
  return {
    prisma,
    kind,
    ...(embedded ? { purgeErased: (tables: string[]) => purgeErased(embedded, tables, log) } : {}),
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
      await lock?.release();
    },
  };
}

/**
 * VACUUM FULL writes each table (and its indexes and TOAST) anew without the old row versions and
 * deletes the old files; the switch to a new WAL segment and a checkpoint let PGlite delete the
 * segment that still holds the erased values (`wal_recycle=off`, bot/db/pglite.ts). PGlite runs
 * this between transactions (exec waits for an open one); it takes a moment on a small database.
 */
async function purgeErased(pglite: PGlite, tables: string[], log: Logger): Promise<void> {
  const started = Date.now();
  const list = tables.map((t) => `"${t.replace(/"/g, '""')}"`).join(", ");
  await pglite.exec(`VACUUM FULL ${list}`);
  await pglite.exec("SELECT pg_switch_wal()");
  await pglite.exec("CHECKPOINT");
  log.info(
    { tables: tables.length, ms: Date.now() - started },
    "erased values purged from the database files",
  );
}
