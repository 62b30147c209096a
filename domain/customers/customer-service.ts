import { recordAudit } from "../audit/audit-repository.ts";
import { assignContract } from "../contracts/contract-service.ts";
import { bindDb, type PrismaClient } from "../db.ts";
import type { DomainData } from "../domains/domain.schema.ts";
import { assignDomain } from "../domains/domain-service.ts";
import { type Events, enqueueCustomerEvent, noEvents } from "../events/webhook-events.ts";
import { createTask, setTaskDone } from "../tasks/task-service.ts";
import type { CustomerData } from "./customer.schema.ts";
import { customerCsv } from "./customer-export.ts";
import {
  type CustomerSummary,
  findCustomerById,
  findCustomerContact,
  findCustomersByEmail,
  insertCustomer,
  loadCustomerCard,
  refreshSearchText,
  searchCustomers,
  updateCustomerContact,
} from "./customer-repository.ts";

/** Creates a customer (Kunden-Eintrag hinzufügen) and records it in the audit log, in one transaction. */
export async function createCustomer(
  prisma: PrismaClient,
  data: CustomerData,
  actor: string,
  events: Events = noEvents,
): Promise<CustomerSummary> {
  return prisma.$transaction(async (tx) => {
    const customer = await insertCustomer(tx, data, actor);
    await enqueueCustomerEvent(tx, events, "customer.created", customer.id);
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
  events: Events = noEvents,
): Promise<{ status: "updated" } | { status: "not_found" }> {
  return prisma.$transaction(async (tx) => {
    const before = await findCustomerContact(tx, customerId);
    if (!before) return { status: "not_found" } as const;
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
    if (changed.length > 0) await enqueueCustomerEvent(tx, events, "customer.updated", customerId);
    return { status: "updated" } as const;
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

/** One page of a customer search, best matches first. */
export async function searchCustomerPage(
  prisma: PrismaClient,
  query: string,
  page: number,
  pageSize: number,
) {
  const { items, total } = await searchCustomers(prisma, query, { limit: pageSize, offset: page * pageSize });
  return { query, items, total, page };
}

/**
 * The customers and their card (domains, contracts, tasks), bound to the database: what listeners
 * get as `Deps.customers`.
 */
export function createCustomerService(prisma: PrismaClient, events: Events = noEvents) {
  return bindDb(prisma, {
    createCustomer: (db: PrismaClient, data: CustomerData, actor: string) =>
      createCustomer(db, data, actor, events),
    editCustomer: (db: PrismaClient, customerId: string, data: CustomerData, actor: string) =>
      editCustomer(db, customerId, data, actor, events),
    emailDuplicates,
    searchCustomerPage,
    searchCustomers,
    findCustomer: findCustomerById,
    findCustomerContact,
    loadCustomerCard,
    assignDomain: (db: PrismaClient, customerId: string, domain: DomainData, actor: string) =>
      assignDomain(db, customerId, domain, actor, events),
    assignContract,
    createTask,
    setTaskDone,
    customerCsv,
  });
}

export type CustomerService = ReturnType<typeof createCustomerService>;
