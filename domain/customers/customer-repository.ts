import type { Db } from "../db.ts";
import type { CustomerData } from "./customer.schema.ts";
import { customerSearchText, foldForSearch } from "./search-text.ts";

export const customerSummarySelect = {
  id: true,
  company: true,
  firstName: true,
  lastName: true,
  email: true,
} as const;

export interface CustomerSummary {
  id: string;
  company: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}

/** "Firma · Vorname Nachname": how a customer is named in messages and options. */
export function customerLabel(
  c: Pick<CustomerSummary, "company" | "firstName" | "lastName" | "email">,
): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ");
  return [c.company, name].filter(Boolean).join(" · ") || c.email || "Kunde ohne Namen";
}

export async function createCustomer(db: Db, data: CustomerData, actor: string) {
  return db.customer.create({
    data: { ...data, createdBy: actor, searchText: customerSearchText(data) },
    select: customerSummarySelect,
  });
}

export async function findCustomerById(db: Db, id: string): Promise<CustomerSummary | null> {
  return db.customer.findUnique({ where: { id }, select: customerSummarySelect });
}

/** Customers with this e-mail address, ignoring case (the newest first). */
export async function findCustomersByEmail(db: Db, email: string): Promise<CustomerSummary[]> {
  return db.customer.findMany({
    where: { email: { equals: email.trim(), mode: "insensitive" } },
    orderBy: { createdAt: "desc" },
    take: 5,
    select: customerSummarySelect,
  });
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
  const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const prefix = `${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
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
