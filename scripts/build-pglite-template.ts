// postinstall: builds the migrated PGlite template that a first `npm start` restores (bot/db/pglite-template.ts).
// Best effort: without it the first start creates the database itself, only slower.
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "../bot/db/migrate.ts";
import { openPglite } from "../bot/db/pglite.ts";
import { PGLITE_TEMPLATE, writePgliteTemplate } from "../bot/db/pglite-template.ts";

try {
  const started = Date.now();
  const db = await openPglite(undefined);
  const applied = await applyMigrations(new PrismaPGlite(db));
  await writePgliteTemplate(await db.dumpDataDir("gzip"));
  await db.close();
  console.log(
    `kundenbot: embedded database template with ${applied.length} migration(s) in ${Date.now() - started} ms`,
  );
} catch (err) {
  console.warn(
    `kundenbot: could not build the embedded database template (${String(err)}); the first start will be slower`,
  );
  console.warn(`  (${PGLITE_TEMPLATE})`);
}
process.exit(0);
