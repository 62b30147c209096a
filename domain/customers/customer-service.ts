import { recordAudit } from "../audit/audit-repository.ts";
import type { PrismaClient } from "../db.ts";
import type { CustomerData } from "./customer.schema.ts";
import {
  type CustomerSummary,
  createCustomer,
  findCustomerContact,
  findCustomersByEmail,
  refreshSearchText,
  updateCustomerContact,
} from "./customer-repository.ts";

/** Creates a customer (Kunden-Eintrag hinzufügen) and records it in the audit log, in one transaction. */
export async function addCustomer(
  prisma: PrismaClient,
  data: CustomerData,
  actor: string,
): Promise<CustomerSummary> {
  return prisma.$transaction(async (tx) => {
    const customer = await createCustomer(tx, data, actor);
    await recordAudit(tx, {
      actor,
      action: "customer.created",
      entityType: "customer",
      entityId: customer.id,
      customerId: customer.id,
      after: { ...data },
    });
    return customer;
  });
}

/** Edits a customer's contact data: the search text follows, the audit log names the changed fields. */
export async function editCustomer(
  prisma: PrismaClient,
  customerId: string,
  data: CustomerData,
  actor: string,
): Promise<"updated" | "not-found"> {
  return prisma.$transaction(async (tx) => {
    const before = await findCustomerContact(tx, customerId);
    if (!before) return "not-found";
    await updateCustomerContact(tx, customerId, data);
    await refreshSearchText(tx, customerId);
    const { id: _id, createdAt: _c, updatedAt: _u, ...beforeData } = before;
    // Only the fields that changed (undefined leaves a field as it was); recordAudit keeps no values.
    const was = beforeData as Record<string, unknown>;
    const changed = Object.entries(data)
      .filter(([k, v]) => v !== undefined && (was[k] ?? null) !== (v ?? null))
      .map(([k]) => k);
    await recordAudit(tx, {
      actor,
      action: "customer.updated",
      entityType: "customer",
      entityId: customerId,
      customerId,
      before: { fields: changed },
      after: { fields: changed },
    });
    return "updated";
  });
}

/**
 * Other customers that already use this e-mail address, when it is new for this customer (none
 * when the address is empty, or when an edit keeps the customer's own address: that was flagged
 * when it was entered).
 */
export async function emailDuplicates(
  prisma: PrismaClient,
  email: string | null | undefined,
  customerId?: string,
): Promise<CustomerSummary[]> {
  if (!email) return [];
  if (customerId) {
    const current = await findCustomerContact(prisma, customerId);
    if (current?.email?.toLowerCase() === email.toLowerCase()) return [];
  }
  const found = await findCustomersByEmail(prisma, email);
  return found.filter((c) => c.id !== customerId);
}
