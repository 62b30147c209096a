import type { Prisma, PrismaClient } from "../prisma/generated/client.ts";

/** A client or an open transaction: repositories take either, and the caller owns the transaction. */
export type Db = PrismaClient | Prisma.TransactionClient;

export type { PrismaClient };

// biome-ignore lint/suspicious/noExplicitAny: the arguments after the client are each function's own.
type DbFunction = (db: PrismaClient, ...args: any[]) => unknown;

/** The functions with their client argument bound. */
export type BoundToDb<T extends Record<string, DbFunction>> = {
  [K in keyof T]: T[K] extends (db: PrismaClient, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/**
 * Binds the client to functions that take it first: how a service is handed out (handlers/deps.ts), so
 * that its callers never hold the client themselves.
 */
export function bindDb<T extends Record<string, DbFunction>>(prisma: PrismaClient, fns: T): BoundToDb<T> {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(fns)) bound[name] = (...args: unknown[]) => fn(prisma, ...args);
  return bound as BoundToDb<T>;
}
