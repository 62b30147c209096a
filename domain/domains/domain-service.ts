import { Prisma } from "../../prisma/generated/client.ts";
import { recordAudit } from "../audit/audit-repository.ts";
import { customerExists, refreshSearchText } from "../customers/customer-repository.ts";
import type { PrismaClient } from "../db.ts";
import { type Events, enqueueCustomerEvent, noEvents } from "../events/webhook-events.ts";
import type { DomainData } from "./domain.schema.ts";
import { findDomainOwner, insertDomain } from "./domain-repository.ts";

export type AssignDomainResult =
  | { status: "assigned"; domainId: string }
  | { status: "taken"; customerId: string }
  | { status: "not_found" };

/**
 * Assigns a domain to a customer (names are unique: a domain belongs to one customer). The customer
 * becomes findable by it; the audit entry is written in the same transaction.
 */
export async function assignDomain(
  prisma: PrismaClient,
  customerId: string,
  { name }: DomainData,
  actor: string,
  events: Events = noEvents,
): Promise<AssignDomainResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      if (!(await customerExists(tx, customerId))) return { status: "not_found" } as const;
      const owner = await findDomainOwner(tx, name);
      if (owner) return { status: "taken", customerId: owner.customerId } as const;
      const domain = await insertDomain(tx, customerId, name, actor);
      await refreshSearchText(tx, customerId);
      await recordAudit(tx, {
        actor,
        action: "domain.assigned",
        entityType: "domain",
        entityId: domain.id,
        customerId,
        after: { name },
      });
      // The customer's domains are part of its events: the receiver hears of the new one.
      await enqueueCustomerEvent(tx, events, "customer.updated", customerId);
      return { status: "assigned", domainId: domain.id } as const;
    });
  } catch (err) {
    // Two people assigning the same name at once: the unique index decides, the loser is told.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const owner = await findDomainOwner(prisma, name);
      if (owner) return { status: "taken", customerId: owner.customerId };
    }
    throw err;
  }
}
