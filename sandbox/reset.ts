/** The raw-SQL part of a Prisma client, all that emptying the database needs. */
export interface RawSql {
  $queryRawUnsafe<T = unknown>(query: string): Promise<T>;
  $executeRawUnsafe(query: string): Promise<number>;
}

/**
 * Zurücksetzen: every table of the sandbox's own database emptied in one statement, the migration
 * history kept. Listed from the catalogue, so a table that a later migration adds is emptied too.
 */
export async function clearDatabase(db: RawSql): Promise<void> {
  const tables = await db.$queryRawUnsafe<{ tablename: string }[]>(
    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'",
  );
  if (tables.length === 0) return;
  const list = tables.map((t) => `"${t.tablename.replace(/"/g, '""')}"`).join(", ");
  await db.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}
