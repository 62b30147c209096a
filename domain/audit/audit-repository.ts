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

export async function latestAuditForCustomer(db: Db, customerId: string, limit = 10) {
  return db.auditEntry.findMany({
    where: { customerId },
    // Entries of one transaction share a timestamp; the id keeps their order.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    // `after` names the new phase of a phase change (values there are minimised: no personal data).
    select: {
      id: true,
      actor: true,
      action: true,
      entityType: true,
      entityId: true,
      createdAt: true,
      after: true,
    },
  });
}
