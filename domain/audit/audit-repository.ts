import type { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { minimiseAuditValues } from "../privacy/audit-values.ts";

export interface AuditInput {
  /** A Slack user id, or "api" / "system". */
  actor: string;
  /** What happened, e.g. "inquiry.assigned", "customer.updated", "task.done". */
  action: string;
  entityType: "customer" | "inquiry" | "invitation" | "domain" | "contract" | "task";
  entityId: string;
  customerId?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

/**
 * Writes one audit entry; call it inside the transaction of the change it records. Values are
 * minimised here, for every caller: the entry keeps field names, and values only where the
 * decision is about them (domain/privacy/audit-values.ts).
 */
export async function recordAudit(db: Db, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      customerId: entry.customerId ?? null,
      before: minimiseAuditValues(entry.before) ?? undefined,
      after: minimiseAuditValues(entry.after) ?? undefined,
    },
    select: { id: true },
  });
}

export interface CardAuditEntry {
  id: bigint;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  createdAt: Date;
  /** Minimised values (no personal data): the new phase of a phase change. */
  after: Prisma.JsonValue | null;
}

/**
 * The customer card's history, newest first: the entries recorded for the customer, and those of
 * the requests (inquiries, invitations) linked to it that carry no customer, i.e. what happened to a
 * request before its decision (Neu → In Kontakt on the first answer, a phase, Übernehmen, Zuweisen,
 * a Wiedervorlage). Only requests whose `customerId` is this customer: nothing of another person.
 * One statement; each branch walks an index (AuditEntry by customer, Inquiry/Invitation by customer,
 * then AuditEntry by entityType and entityId) and stops at `limit`.
 */
export async function latestAuditForCustomer(
  db: Db,
  customerId: string,
  limit = 10,
): Promise<CardAuditEntry[]> {
  return db.$queryRaw<CardAuditEntry[]>`
    SELECT id, actor, action, "entityType", "entityId", "createdAt", after FROM (
      (SELECT a.id, a.actor, a.action, a."entityType", a."entityId", a."createdAt", a.after
         FROM "AuditEntry" a
        WHERE a."customerId" = ${customerId}::uuid
        ORDER BY a."createdAt" DESC, a.id DESC LIMIT ${limit})
      UNION ALL
      (SELECT a.id, a.actor, a.action, a."entityType", a."entityId", a."createdAt", a.after
         FROM "Inquiry" r
         JOIN "AuditEntry" a ON a."entityType" = 'inquiry' AND a."entityId" = r.id::text
        WHERE r."customerId" = ${customerId}::uuid AND a."customerId" IS NULL
        ORDER BY a."createdAt" DESC, a.id DESC LIMIT ${limit})
      UNION ALL
      (SELECT a.id, a.actor, a.action, a."entityType", a."entityId", a."createdAt", a.after
         FROM "Invitation" r
         JOIN "AuditEntry" a ON a."entityType" = 'invitation' AND a."entityId" = r.id::text
        WHERE r."customerId" = ${customerId}::uuid AND a."customerId" IS NULL
        ORDER BY a."createdAt" DESC, a.id DESC LIMIT ${limit})
    ) e
    -- Entries of one transaction share a timestamp; the id keeps their order.
    ORDER BY "createdAt" DESC, id DESC
    LIMIT ${limit}`;
}
