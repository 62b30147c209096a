import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { inject } from "vitest";
import { PrismaClient } from "../../prisma/generated/client.ts";
import { adminQuery, dropDatabase, withDatabase } from "./global-setup.ts";

export type DbKind = "pglite" | "postgresql";

export interface TestDatabase {
  kind: DbKind;
  /** For PostgreSQL: the URL of this test's own database (DATABASE_URL of an app under test). */
  url: string | undefined;
  /** For PGlite: the open instance (AppOverrides.pglite of an app under test). */
  pglite: PGlite | undefined;
  /** A client for the test's own checks. With PGlite, prefer the app's client while an app runs on it. */
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** The database kinds this run covers: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function dbKinds(): DbKind[] {
  return inject("pgTemplate") ? ["pglite", "postgresql"] : ["pglite"];
}

/** A fresh, migrated database: a restored PGlite snapshot, or a PostgreSQL copy of the migrated template. */
export async function createTestDatabase(kind: DbKind = "pglite"): Promise<TestDatabase> {
  if (kind === "pglite") {
    const snapshot = await readFile(inject("pgliteSnapshot"));
    const pglite = new PGlite({ loadDataDir: new Blob([snapshot]), extensions: { pg_trgm } });
    await pglite.waitReady;
    const prisma = new PrismaClient({
      adapter: new PrismaPGlite(pglite),
      transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    });
    return {
      kind,
      url: undefined,
      pglite,
      prisma,
      async close() {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }
  const tpl = inject("pgTemplate");
  if (!tpl) throw new Error("PostgreSQL tests need TEST_DATABASE_URL");
  const name = `kundenbot_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(tpl.adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${tpl.template}"`);
  const url = withDatabase(tpl.adminUrl, name);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 5 }) });
  return {
    kind,
    url,
    pglite: undefined,
    prisma,
    async close() {
      await prisma.$disconnect();
      await dropDatabase(tpl.adminUrl, name);
    },
  };
}
