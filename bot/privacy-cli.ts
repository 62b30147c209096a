import "dotenv/config";
import { pino } from "pino";
import { privacyAddress } from "../domain/privacy/address.schema.ts";
import { createPrivacyService } from "../domain/privacy/privacy-service.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { securePrivateDir } from "./files/private-dir.ts";
import { createLogger } from "./logger.ts";
import { fileMailArchive } from "./mail/mail-archive.ts";

/**
 * `npm run privacy -- export|erase <e-mail>`: Auskunft and Löschen for operators, with the bot's
 * configuration. The result is one JSON document on stdout (exit 0, also when nothing is stored);
 * logs go to stderr. Channel messages of an erasure are updated by the bot's outbox worker (at once
 * on PostgreSQL; on the embedded database, which serves one process only, at the bot's next start).
 */

const USAGE = "usage: npm run privacy -- export <e-mail> | erase <e-mail>";

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const [command, rawAddress, ...extra] = process.argv.slice(2);
if ((command !== "export" && command !== "erase") || !rawAddress || extra.length > 0) fail(USAGE, 2);
const address = privacyAddress.safeParse(rawAddress);
if (!address.success) fail(`${address.error.issues[0]?.message ?? "invalid address"}\n${USAGE}`, 2);

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) fail(err.message, 1);
  throw err;
}
process.umask(0o077);

const log = createLogger({
  level: config.logLevel === "debug" ? "debug" : "warn",
  destination: pino.destination(2),
});
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
try {
  const privacy = createPrivacyService(
    { prisma: db.prisma, now: () => new Date(), mails: fileMailArchive(config.dataDir) },
    { retentionDays: config.retentionDays },
  );
  const result =
    command === "export" ? await privacy.exportFor(address.data) : await privacy.erase(address.data, "cli");
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await db.close();
  await securePrivateDir(config.dataDir, log, { expected: true });
}
