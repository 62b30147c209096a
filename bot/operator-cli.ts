import { pino } from "pino";
import type { PrismaClient } from "../domain/db.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { DataDirInUseError } from "./db/data-dir-lock.ts";
import { securePrivateDir } from "./files/private-dir.ts";
import { createLogger } from "./logger.ts";

/**
 * What the operators' commands (`npm run privacy`, `npm run export`) share: the bot's
 * configuration, logs on stderr (stdout is the result), the database opened and closed again.
 */

export function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** Runs `work` with the bot's configuration and database; a bad configuration exits 1 with its message. */
export async function withOperatorDatabase<T>(
  source: Record<string, string | undefined>,
  work: (db: PrismaClient, config: Config, database: Database) => Promise<T>,
): Promise<T> {
  let config: Config;
  try {
    config = loadConfig(source);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 1);
    throw err;
  }
  process.umask(0o077);
  const log = createLogger({
    level: config.logLevel === "debug" ? "debug" : "warn",
    destination: pino.destination(2),
  });
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  } catch (err) {
    // The bot runs on the embedded database: one process at a time (stop it first).
    if (err instanceof DataDirInUseError) fail(err.message, 1);
    throw err;
  }
  try {
    return await work(db.prisma, config, db);
  } finally {
    await db.close();
    await securePrivateDir(config.dataDir, log, { expected: true });
  }
}
