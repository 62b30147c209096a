// The embedded database (PGlite: PostgreSQL compiled to WebAssembly) used when no DATABASE_URL is set.

import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/**
 * PostgreSQL's shared buffers inside PGlite. PostgreSQL's default (128 MB) lives in the WebAssembly
 * memory and is written at start, so the process held it all (552 MB resident, idle); a bot's
 * database is a few MB, and reads that miss these buffers still hit the operating system's file
 * cache. 16 MB: the idle process holds about 140 MB less (measured with `npm run bench -- footprint`).
 */
export const PGLITE_SHARED_BUFFERS = "16MB";

/**
 * Opens (or creates) a PGlite database in `dataDir`, in memory when `dataDir` is undefined, with the
 * pg_trgm extension available (the first migration runs `CREATE EXTENSION pg_trgm`). Creates the
 * missing parent folders, which PGlite does not. One process at a time may open a data directory.
 *
 * Creating a new data directory takes several seconds; reopening one about a second.
 */
export async function openPglite(
  dataDir: string | undefined,
  opts: { restoreTemplate?: (dir: string) => Promise<boolean> } = {},
): Promise<PGlite> {
  let dir: string | undefined;
  if (dataDir !== undefined && !dataDir.includes("://")) {
    dir = path.resolve(dataDir);
    await mkdir(path.dirname(dir), { recursive: true, mode: 0o700 });
  } else {
    dir = dataDir; // undefined (in memory) or a PGlite URL such as "memory://" / "idb://…"
  }
  // Options form on purpose: `new PGlite(undefined, options)` ignores `options` (the first parameter
  // defaults to {} and is taken as the options), so an in-memory instance would lack pg_trgm.
  // A new data directory starts from the migrated template when there is one (much faster than
  // initdb): restored onto disk before PGlite opens it as an existing database (bot/db/pglite-template.ts).
  const isNew = dir !== undefined && !dir.includes("://") && !existsSync(path.join(dir, "PG_VERSION"));
  if (isNew && dir !== undefined && opts.restoreTemplate) await opts.restoreTemplate(dir);
  const db = new PGlite({ dataDir: dir, extensions: { pg_trgm }, ...startParams() });
  await db.waitReady;
  return db;
}

/**
 * PGlite's own start parameters plus `shared_buffers` (PGLITE_SHARED_BUFFERS) and `wal_recycle=off`: a WAL segment that a checkpoint no longer
 * needs is deleted instead of renamed for reuse, so after an erasure (`purgeErased` in client.ts)
 * the old segment, which still holds the erased values, is gone from DATA_DIR. PGlite does not
 * type its defaults; without them (another PGlite version) it starts with its own, and the test of
 * the erasure's byte scan says so.
 */
function startParams(): { startParams?: string[] } {
  const defaults = (PGlite as unknown as { defaultStartParams?: unknown }).defaultStartParams;
  if (!Array.isArray(defaults) || !defaults.every((p) => typeof p === "string")) return {};
  return {
    startParams: [...defaults, "-c", "wal_recycle=off", "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  };
}
