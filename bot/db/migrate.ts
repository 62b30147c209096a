// Applies the migrations in prisma/migrations (Prisma's folder format) at start-up, in-process, through
// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm) and a driver adapter
// (ADR 001). It is the engine behind `prisma migrate deploy`: same `_prisma_migrations` table, same
// checksums, so a machine with Prisma's CLI and network can still run `prisma migrate deploy` instead.
//
// Why not the CLI: every `prisma migrate …` command first downloads a native schema-engine binary from
// binaries.prisma.sh, which the production machines cannot reach.

import { createHash } from "node:crypto";
import { type Dirent, existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type {
  MigrationDirectory,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
} from "@prisma/schema-engine-wasm";
import { APP_ROOT } from "../files/app-root.ts";

/** Receives progress messages and the schema engine's own log lines. */
export type MigrateLog = (message: string) => void;

/** Thrown for every failure of this module; `cause` holds the original error. */
export class MigrationError extends Error {
  override name = "MigrationError";
}

/** `<repo>/prisma/migrations`, found from this file (works from the sources and from dist/). */
export const DEFAULT_MIGRATIONS_DIR = path.join(APP_ROOT, "prisma", "migrations");

export const MIGRATION_LOCK_FILE = "migration_lock.toml";
export const MIGRATION_SQL_FILE = "migration.sql";

const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * Applies the migrations of `migrationsDir` that the database has not seen yet, in name order, each in
 * its own transaction, and records them in `_prisma_migrations`. Returns the names applied (empty when
 * the database is up to date). Works with `PrismaPg` (PostgreSQL) and `PrismaPGlite` (PGlite).
 *
 * The factory is not modified and can be handed to `new PrismaClient({ adapter })` afterwards; the
 * connections the engine opened are closed and the engine is freed before this returns.
 *
 * Each migration runs as one implicit transaction: a failing one leaves no partial changes, but a
 * failed entry in `_prisma_migrations`, and every later run refuses to continue until that entry is
 * resolved (fix the migration, then `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE
 * migration_name = '…'`, or `prisma migrate resolve --rolled-back …` where the CLI works).
 * Concurrent callers on PostgreSQL are serialized by the engine's advisory lock.
 *
 * Throws a {@link MigrationError} when the folder is unreadable, the lock file names another provider,
 * a migration fails, or failed migrations are recorded. Like `prisma migrate deploy` it does not refuse
 * applied migrations that were edited since, or that are missing from the folder: it reports them
 * through `log` as warnings.
 */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir: string = DEFAULT_MIGRATIONS_DIR,
  log?: MigrateLog,
): Promise<string[]> {
  const migrationsList = await readMigrationsList(migrationsDir);
  const names = migrationsList.migrationDirectories.map((d) => d.path);
  log?.(`migrations folder ${migrationsDir}: ${names.length} migration(s)`);
  if (await isUpToDate(adapterFactory, migrationsList)) {
    log?.("database schema is up to date (every migration applied, checksums match)");
    return [];
  }
  return withSchemaEngine(
    adapterFactory,
    async (engine) => {
      let applied: string[];
      try {
        ({ appliedMigrationNames: applied } = await engine.applyMigrations({
          migrationsList,
          filters: NO_FILTERS,
        }));
      } catch (err) {
        throw engineError(`Applying the migrations from ${migrationsDir} failed`, err);
      }
      log?.(applied.length ? `applied ${applied.join(", ")}` : "database schema is up to date");
      // `prisma migrate deploy` ignores edited and unknown migrations; only say so (11 ms).
      try {
        const diagnosis = await engine.diagnoseMigrationHistory({
          migrationsList,
          optInToShadowDatabase: false,
          filters: NO_FILTERS,
        });
        if (diagnosis.editedMigrationNames.length) {
          log?.(
            `warning: applied migrations were edited since: ${diagnosis.editedMigrationNames.join(", ")}`,
          );
        }
        if (diagnosis.history?.diagnostic === "migrationsDirectoryIsBehind") {
          const names = diagnosis.history.unpersistedMigrationNames.join(", ");
          log?.(
            `warning: the database has migrations that ${migrationsDir} lacks (newer code ran?): ${names}`,
          );
        }
      } catch (err) {
        log?.(`warning: checking the migration history failed: ${engineError("", err).message}`);
      }
      return applied;
    },
    log,
  );
}

/**
 * True when `_prisma_migrations` holds exactly the folder's migrations, each finished with the
 * checksum of its script (SHA-256, as the engine writes it), and nothing failed or unknown: then the
 * engine would apply nothing and report nothing, and the start skips loading it (its WebAssembly
 * costs about 200 ms and tens of MB; `npm run bench -- footprint`). Anything else, including a
 * missing table or a query error, answers false and the engine decides as before.
 */
async function isUpToDate(
  factory: SqlMigrationAwareDriverAdapterFactory,
  list: MigrationList,
): Promise<boolean> {
  let adapter: SqlDriverAdapter | undefined;
  try {
    adapter = await factory.connect();
    const result = await adapter.queryRaw({
      sql: `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished
            FROM _prisma_migrations WHERE rolled_back_at IS NULL`,
      args: [],
      argTypes: [],
    });
    const applied = new Map<string, string>();
    for (const [name, checksum, finished] of result.rows) {
      if (finished !== true || applied.has(String(name))) return false;
      applied.set(String(name), String(checksum));
    }
    if (applied.size !== list.migrationDirectories.length) return false;
    return list.migrationDirectories.every((dir) => {
      const content = dir.migrationFile.content;
      return (
        content.tag === "ok" &&
        applied.get(dir.path) === createHash("sha256").update(content.value).digest("hex")
      );
    });
  } catch {
    return false;
  } finally {
    await adapter?.dispose().catch(() => {});
  }
}

/**
 * Reads a migrations folder in Prisma's format into the structure the schema engine expects:
 * every sub-folder (sorted by name) must hold a `migration.sql`; `migration_lock.toml` is optional.
 */
export async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  let entries: Dirent[];
  try {
    entries = await readdir(baseDir, { withFileTypes: true });
  } catch (err) {
    throw new MigrationError(`Cannot read the migrations folder ${baseDir}: ${errorText(err)}`, {
      cause: err,
    });
  }
  const dirNames = entries
    .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  const migrationDirectories: MigrationDirectory[] = [];
  for (const name of dirNames) {
    const dirPath = path.join(baseDir, name);
    if (!(await stat(dirPath)).isDirectory()) continue;
    const sqlPath = path.join(dirPath, MIGRATION_SQL_FILE);
    let sql: string;
    try {
      sql = await readFile(sqlPath, "utf8");
    } catch (err) {
      throw new MigrationError(
        `Migration folder ${dirPath} has no readable ${MIGRATION_SQL_FILE} (${errorText(err)}); ` +
          "every folder under the migrations folder must be one migration",
        { cause: err },
      );
    }
    migrationDirectories.push({
      path: name,
      migrationFile: { path: MIGRATION_SQL_FILE, content: { tag: "ok", value: sql } },
    });
  }
  const lockPath = path.join(baseDir, MIGRATION_LOCK_FILE);
  const lockContent = existsSync(lockPath) ? await readFile(lockPath, "utf8") : null;
  return {
    baseDir,
    lockfile: { path: MIGRATION_LOCK_FILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/**
 * Runs `fn` with a schema engine connected through `adapterFactory`, then frees the engine and closes
 * every connection it opened (also when `fn` throws). Used by `applyMigrations` and by
 * scripts/new-migration.ts (`diff`).
 */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
  log?: MigrateLog,
): Promise<T> {
  const runtime = await loadSchemaEngineRuntime();
  const tracked = new TrackingFactory(adapterFactory);
  runningEngines += 1;
  try {
    let engine: SchemaEngine;
    try {
      engine = await runtime.SchemaEngine.new(
        { datamodels: undefined },
        (line: string) => log?.(formatEngineLog(line)),
        bindMigrationAwareSqlAdapterFactory(tracked),
      );
    } catch (err) {
      throw engineError("Starting Prisma's schema engine failed", err);
    }
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } finally {
    await tracked.disposeAll(log);
    engineStopped();
  }
}

// --- the WebAssembly module ------------------------------------------------------------------------

type SchemaEngineRuntime = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

/** Node.js has WebAssembly; the project's `lib` (es2023, no DOM) only declares its types. */
const Wasm = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(
        bytes: Uint8Array,
        imports: object,
      ): Promise<{ instance: { exports: Record<string, unknown> } }>;
      RuntimeError: new () => Error;
    };
  }
).WebAssembly;

let runtimePromise: Promise<SchemaEngineRuntime> | undefined;
let lastPanic: string | undefined;
let runningEngines = 0;
const engineTimers = new Set<ReturnType<typeof setTimeout>>();

function engineStopped(): void {
  runningEngines -= 1;
  if (runningEngines > 0) return;
  for (const timer of engineTimers) clearTimeout(timer);
  engineTimers.clear();
}

/**
 * Instantiates the engine's WebAssembly module once per process. The package's entry point imports the
 * .wasm file as an ES module, which Node.js 20 cannot do without a flag; so the bindings
 * (schema_engine_bg.js) are imported on their own and the module is instantiated by hand.
 */
function loadSchemaEngineRuntime(): Promise<SchemaEngineRuntime> {
  runtimePromise ??= (async () => {
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    // The bindings report a Rust panic through this global before the WebAssembly trap.
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        lastPanic = message;
      },
    };
    const require = createRequire(import.meta.url);
    const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(bindingsPath.replace(/\.js$/, ".wasm"));
    // The engine starts 10 s timers (timeouts around its database calls) and never clears them, which
    // kept every short-lived process (scripts, CLI tools) alive for 10 s after the work was done. Its
    // timers are tracked here and cleared once no engine is running (see withSchemaEngine).
    const imports: Record<string, unknown> = { ...runtime };
    for (const key of Object.keys(runtime)) {
      if (!key.startsWith("__wbg_setTimeout_")) continue;
      imports[key] = (callback: () => void, ms: number) => {
        const timer = setTimeout(() => {
          engineTimers.delete(timer);
          callback();
        }, ms >>> 0);
        engineTimers.add(timer);
        return timer;
      };
    }
    const { instance } = await Wasm.instantiate(bytes, { "./schema_engine_bg.js": imports });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return runtime;
  })().catch((err) => {
    runtimePromise = undefined;
    throw new MigrationError(`Loading @prisma/schema-engine-wasm failed: ${errorText(err)}`, { cause: err });
  });
  return runtimePromise;
}

// --- driver adapter guard --------------------------------------------------------------------------

/**
 * Wraps the caller's factory without touching it. It remembers every connection the engine opens so they
 * can all be closed afterwards (`PrismaPg` opens a new pool per `connect()`, which would otherwise keep
 * the process alive), and it replaces `executeScript` — the call that runs a migration.sql — of both
 * adapters, which are not fit for migrations:
 * - @prisma/adapter-pg 7.10 splits the script at every ";" (breaking `$$ … $$` function bodies and
 *   literals containing ";") and sends the pieces one by one through its pool, so a failing migration is
 *   left half applied;
 * - pglite-prisma-adapter 0.7 does not await `PGlite.exec()`: a failing migration is recorded as applied
 *   and its error surfaces as an unhandled rejection.
 * Both now send the whole script as one simple-protocol query, which PostgreSQL runs as one implicit
 * transaction — what `prisma migrate deploy` does with the native engine.
 */
class TrackingFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider: SqlMigrationAwareDriverAdapterFactory["provider"];
  readonly adapterName: string;
  private readonly open = new Set<SqlDriverAdapter>();

  constructor(private readonly inner: SqlMigrationAwareDriverAdapterFactory) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await this.inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.track(await this.inner.connectToShadowDb());
  }

  /** Closes what the engine left open. Never throws: the engine's work is done by then. */
  async disposeAll(log?: MigrateLog): Promise<void> {
    for (const adapter of [...this.open]) {
      try {
        await adapter.dispose();
      } catch (err) {
        log?.(`warning: closing the schema engine's database connection failed: ${errorText(err)}`);
      }
    }
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const open = this.open;
    let disposed: Promise<void> | undefined;
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => {
      disposed ??= (async () => {
        open.delete(adapter);
        await dispose();
      })();
      return disposed;
    };
    fixExecuteScript(adapter);
    open.add(adapter);
    return adapter;
  }
}

function fixExecuteScript(adapter: SqlDriverAdapter): void {
  const a = adapter as SqlDriverAdapter & {
    client?: { exec?: (sql: string) => Promise<unknown> };
    underlyingDriver?: () => { query?: (sql: string) => Promise<unknown> };
    onError?: (err: unknown) => never;
  };
  let run: ((script: string) => Promise<unknown>) | undefined;
  if (a.adapterName === "@prisma/adapter-pg" && typeof a.underlyingDriver === "function") {
    const driver = a.underlyingDriver(); // the pg.Pool (or pg.Client); query(text) without values = simple protocol
    if (typeof driver?.query === "function") run = (script) => driver.query!(script);
  } else if (a.adapterName === "pglite-prisma-adapter" && typeof a.client?.exec === "function") {
    const client = a.client;
    run = (script) => client.exec!(script);
  }
  if (!run) return;
  a.executeScript = async (script: string) => {
    try {
      await run(script);
    } catch (err) {
      if (typeof a.onError === "function") a.onError(err); // throws it as a DriverAdapterError
      throw err;
    }
  };
}

// --- errors and logs -------------------------------------------------------------------------------

/** The engine's errors carry a Rust span trace ("   0: schema_engine_wasm::…") after the message. */
function engineError(what: string, err: unknown): MigrationError {
  let text = errorText(err);
  const migration = /migration_name="([^"]+)"/.exec(text)?.[1];
  const trace = text.search(/\n\s+0: \S+::/);
  if (trace >= 0) text = text.slice(0, trace);
  if (migration && !text.includes(migration)) text = `migration ${migration}: ${text}`;
  if (err instanceof Wasm.RuntimeError) {
    text = `the schema engine crashed (${lastPanic ?? text}); restart the process before trying again`;
  }
  return new MigrationError(what ? `${what}: ${text.trim()}` : text.trim(), { cause: err });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function formatEngineLog(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: string; fields?: Record<string, unknown> };
    const { message, script: _script, ...rest } = entry.fields ?? {}; // script: a whole migration.sql
    let extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : "";
    if (extra.length > 300) extra = `${extra.slice(0, 300)}…`;
    return `schema engine ${entry.level ?? "LOG"}: ${String(message ?? "")}${extra}`;
  } catch {
    return `schema engine: ${line}`;
  }
}
