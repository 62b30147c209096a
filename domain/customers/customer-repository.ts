import { latestAuditForCustomer } from "../audit/audit-repository.ts";
import { type CardConversation, loadCardConversation } from "../conversation/card-conversation-repository.ts";
import type { Db } from "../db.ts";
import { escapeLike } from "../sql-like.ts";
import { addressForms } from "../text/email-address.ts";
import type { CustomerData } from "./customer.schema.ts";
import { customerSearchText, foldForSearch } from "./search-text.ts";

export const customerSummarySelect = {
  id: true,
  company: true,
  firstName: true,
  lastName: true,
  email: true,
  erasedAt: true,
} as const;

export interface CustomerSummary {
  id: string;
  company: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  /** Set when the person's data was erased (domain/privacy). */
  erasedAt?: Date | null;
}

export async function insertCustomer(db: Db, data: CustomerData, actor: string) {
  return db.customer.create({
    data: { ...data, createdBy: actor, searchText: customerSearchText(data) },
    select: customerSummarySelect,
  });
}

export async function findCustomerById(db: Db, id: string): Promise<CustomerSummary | null> {
  return db.customer.findUnique({ where: { id }, select: customerSummarySelect });
}

/**
 * Customers with exactly this e-mail address, ignoring case (the newest first). Not Prisma's
 * `mode: "insensitive"`: on PostgreSQL that is ILIKE, where `m_x@firma.de` matches `max@firma.de`.
 */
export async function findCustomersByEmail(db: Db, email: string): Promise<CustomerSummary[]> {
  return db.$queryRaw<CustomerSummary[]>`
    SELECT id, company, "firstName", "lastName", email
    FROM "Customer"
    WHERE lower(email) = ANY(${addressForms(email)}::text[])
    ORDER BY "createdAt" DESC, id
    LIMIT 5`;
}

/** Recomputes the stored search text (after an edit or a new domain). */
export async function refreshSearchText(db: Db, customerId: string): Promise<void> {
  const c = await db.customer.findUniqueOrThrow({
    where: { id: customerId },
    select: {
      company: true,
      firstName: true,
      lastName: true,
      email: true,
      domains: { select: { name: true } },
    },
  });
  await db.customer.update({
    where: { id: customerId },
    data: { searchText: customerSearchText({ ...c, domains: c.domains.map((d) => d.name) }) },
    select: { id: true },
  });
}

/**
 * Searches by part of a name, company, e-mail or domain, ignoring case and umlaut spelling.
 * Uses the trigram index on the folded search text; best matches (prefix, then similarity) first.
 */
export async function searchCustomers(
  db: Db,
  query: string,
  { limit = 10, offset = 0 }: { limit?: number; offset?: number } = {},
): Promise<{ items: CustomerSummary[]; total: number }> {
  const q = foldForSearch(query);
  if (q.length === 0) return { items: [], total: 0 };
  const pattern = `%${escapeLike(q)}%`;
  const prefix = `${escapeLike(q)}%`;
  const rows = await db.$queryRaw<(CustomerSummary & { total: bigint })[]>`
    SELECT id, company, "firstName", "lastName", email, count(*) OVER () AS total
    FROM "Customer"
    WHERE "searchText" LIKE ${pattern}
    ORDER BY ("searchText" LIKE ${prefix}) DESC, similarity("searchText", ${q}) DESC, company NULLS LAST, "lastName", id
    LIMIT ${limit} OFFSET ${offset}`;
  return {
    items: rows.map(({ total: _t, ...c }) => c),
    total: rows.length > 0 ? Number(rows[0]?.total) : 0,
  };
}

export const customerContactSelect = {
  ...customerSummarySelect,
  phone: true,
  address: true,
  notes: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface CustomerContact extends CustomerSummary {
  phone: string | null;
  address: string | null;
  notes: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export async function findCustomerContact(db: Db, id: string): Promise<CustomerContact | null> {
  return db.customer.findUnique({ where: { id }, select: customerContactSelect });
}

export async function updateCustomerContact(db: Db, id: string, data: CustomerData): Promise<void> {
  await db.customer.update({ where: { id }, data, select: { id: true } });
}

/** How many entries of each list the customer card shows; the rest is counted ("und N weitere"). */
export const cardLimits = {
  inquiries: 5,
  accessGrants: 5,
  domains: 20,
  contracts: 10,
  tasks: 15,
  audit: 8,
} as const;

export interface Listed<T> {
  items: T[];
  total: number;
}

/** Everything the customer card shows, each list capped by `cardLimits` and counted in full. */
export interface CustomerCardData {
  customer: CustomerContact;
  inquiries: Listed<{ id: string; name: string; email: string; receivedAt: Date; decidedAt: Date | null }>;
  accessGrants: Listed<{
    id: string;
    name: string;
    email: string;
    accessLevel: "full" | "partial";
    customerNumber: string | null;
    decidedAt: Date | null;
  }>;
  domains: Listed<{ id: string; name: string }>;
  contracts: Listed<{ id: string; title: string; number: string | null; startsOn: Date | null }>;
  tasks: Listed<{
    id: string;
    title: string;
    dueOn: Date | null;
    assigneeId: string | null;
    done: boolean;
  }> & { open: number };
  /** The latest changes; `after` is the entry's minimised new values (a phase change: `{ phase }`). */
  audit: { id: bigint; actor: string; action: string; createdAt: Date; after?: unknown }[];
  /** Answers, replies and notes of the customer's requests, newest first (the last ten, and how many). */
  conversation: CardConversation;
}

export async function loadCustomerCard(db: Db, id: string): Promise<CustomerCardData | null> {
  const c = await db.customer.findUnique({
    where: { id },
    select: {
      ...customerContactSelect,
      inquiries: {
        orderBy: { receivedAt: "desc" },
        take: cardLimits.inquiries,
        select: { id: true, name: true, email: true, receivedAt: true, decidedAt: true },
      },
      // Access grants are the invitations connected to this customer.
      invitations: {
        where: { status: "connected" },
        orderBy: { receivedAt: "desc" },
        take: cardLimits.accessGrants,
        select: {
          id: true,
          name: true,
          email: true,
          accessLevel: true,
          customerNumber: true,
          decidedAt: true,
        },
      },
      domains: { orderBy: { name: "asc" }, take: cardLimits.domains, select: { id: true, name: true } },
      contracts: {
        orderBy: { createdAt: "desc" },
        take: cardLimits.contracts,
        select: { id: true, title: true, number: true, startsOn: true },
      },
      // Open tasks first, the most urgent on top.
      tasks: {
        orderBy: [{ done: "asc" }, { dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
        take: cardLimits.tasks,
        select: { id: true, title: true, dueOn: true, assigneeId: true, done: true },
      },
      _count: { select: { inquiries: true, domains: true, contracts: true, tasks: true } },
    },
  });
  if (!c) return null;
  const [accessGrants, openTasks, audit, conversation] = await Promise.all([
    db.invitation.count({ where: { customerId: id, status: "connected" } }),
    db.task.count({ where: { customerId: id, done: false } }),
    latestAuditForCustomer(db, id, cardLimits.audit),
    loadCardConversation(db, id),
  ]);
  const { inquiries, invitations, domains, contracts, tasks, _count, ...customer } = c;
  return {
    customer,
    inquiries: { items: inquiries, total: _count.inquiries },
    accessGrants: { items: invitations, total: accessGrants },
    domains: { items: domains, total: _count.domains },
    contracts: { items: contracts, total: _count.contracts },
    tasks: { items: tasks, total: _count.tasks, open: openTasks },
    audit,
    conversation,
  };
}

export async function customerExists(db: Db, id: string): Promise<boolean> {
  return (await db.customer.count({ where: { id } })) > 0;
}

/** Every customer not erased, oldest first, with their domains: the rows of the CSV export (./customer-export.ts). */
export async function listCustomersForExport(db: Db) {
  return db.customer.findMany({
    where: { erasedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      company: true,
      firstName: true,
      lastName: true,
      email: true,
      phone: true,
      address: true,
      createdAt: true,
      domains: { select: { name: true }, orderBy: { name: "asc" } },
    },
  });
}
