import "dotenv/config";
import { webhookEvents } from "../domain/events/webhook-events.ts";
import { privacyAddress } from "../domain/privacy/address.schema.ts";
import { createPrivacyService } from "../domain/privacy/privacy-service.ts";
import { fileMailArchive } from "./mail/mail-archive.ts";
import { fail, withOperatorDatabase } from "./operator-cli.ts";

/**
 * `npm run privacy -- export|erase <e-mail>`: Auskunft and Löschen for operators, with the bot's
 * configuration. The result is one JSON document on stdout (exit 0, also when nothing is stored);
 * logs go to stderr. Channel messages of an erasure are updated by the bot's outbox worker (at once
 * on PostgreSQL; on the embedded database, which serves one process only, at the bot's next start).
 */

const USAGE = "usage: npm run privacy -- export <e-mail> | erase <e-mail>";

const [command, rawAddress, ...extra] = process.argv.slice(2);
if ((command !== "export" && command !== "erase") || !rawAddress || extra.length > 0) fail(USAGE, 2);
const address = privacyAddress.safeParse(rawAddress);
if (!address.success) fail(`${address.error.issues[0]?.message ?? "invalid address"}\n${USAGE}`, 2);

await withOperatorDatabase(process.env, async (prisma, config, db) => {
  const privacy = createPrivacyService(
    {
      db: prisma,
      now: () => new Date(),
      mails: fileMailArchive(config.dataDir),
      // person.erased is queued for WEBHOOK_URL like the bot's own erasure; the bot's worker sends it.
      events: webhookEvents({ enabled: config.webhook !== undefined, now: () => new Date() }),
      ...(db.purgeErased ? { purge: db.purgeErased } : {}),
    },
    { retentionDays: config.retentionDays },
  );
  const result =
    command === "export" ? await privacy.exportFor(address.data) : await privacy.erase(address.data, "cli");
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
});
