import type { Db } from "../db.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import { type CustomerEventData, type RequestEventData, requestEventDataOf } from "./webhook-events.ts";

/** The reads of webhook events: a request or customer as its events carry it, now. */

const fullName = (first: string | null, last: string | null) =>
  [first, last].filter((p) => p && p.trim() !== "").join(" ") || null;

/** A request as its events carry it, read in the caller's transaction; undefined when it does not exist. */
export async function requestEventData(
  db: Db,
  kind: RequestKind,
  id: string,
): Promise<RequestEventData | undefined> {
  const select = {
    id: true,
    status: true,
    phase: true,
    name: true,
    email: true,
    company: true,
    customerId: true,
  } as const;
  const row =
    kind === "inquiry"
      ? await db.inquiry.findUnique({ where: { id }, select: { ...select, phone: true } })
      : await db.invitation.findUnique({ where: { id }, select });
  return row ? requestEventDataOf(kind, row) : undefined;
}

/** A customer as its events carry it; undefined when it does not exist. */
export async function customerEventData(db: Db, id: string): Promise<CustomerEventData | undefined> {
  const row = await db.customer.findUnique({
    where: { id },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      email: true,
      phone: true,
      company: true,
      domains: { select: { name: true }, orderBy: { name: "asc" } },
    },
  });
  if (!row) return undefined;
  return {
    id: row.id,
    name: fullName(row.firstName, row.lastName),
    email: row.email,
    phone: row.phone,
    company: row.company,
    domains: row.domains.map((d) => d.name),
  };
}
