import type { Prisma, PrismaClient } from "../prisma/generated/client.ts";

/** A client or an open transaction: repositories take either, and the caller owns the transaction. */
export type Db = PrismaClient | Prisma.TransactionClient;

export type { PrismaClient };
