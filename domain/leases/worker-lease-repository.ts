import type { Db } from "../db.ts";

/**
 * Leases of singleton workers (one mailbox reader across all instances). Taking and renewing are
 * one conditional upsert: the row is ours when it is missing, already ours, or expired. Expiry is
 * judged by the database's clock, so instances with skewed clocks still agree.
 */

/** Takes or renews the lease for `ttlMs`; true when `holder` has it afterwards. */
export async function acquireLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const n = await db.$executeRaw`
    INSERT INTO "WorkerLease" (name, holder, "expiresAt")
    VALUES (${name}, ${holder}, now() + ${ttlMs} * interval '1 millisecond')
    ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, "expiresAt" = EXCLUDED."expiresAt"
    WHERE "WorkerLease".holder = EXCLUDED.holder OR "WorkerLease"."expiresAt" < now()`;
  return n === 1;
}

/** Takes the lease whoever has it: only right when no other process can reach the database (PGlite). */
export async function seizeLease(db: Db, name: string, holder: string, ttlMs: number): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "WorkerLease" (name, holder, "expiresAt")
    VALUES (${name}, ${holder}, now() + ${ttlMs} * interval '1 millisecond')
    ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, "expiresAt" = EXCLUDED."expiresAt"`;
}

/** Gives the lease up (on shutdown), so that another instance need not wait for it to expire. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.$executeRaw`DELETE FROM "WorkerLease" WHERE name = ${name} AND holder = ${holder}`;
}
