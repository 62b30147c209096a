import { recordAudit } from "../audit/audit-repository.ts";
import { customerExists } from "../customers/customer-repository.ts";
import type { PrismaClient } from "../db.ts";
import type { ContractData } from "./contract.schema.ts";
import { insertContract } from "./contract-repository.ts";

/** Assigns a contract to a customer, with its audit entry in the same transaction. */
export async function assignContract(
  prisma: PrismaClient,
  customerId: string,
  data: ContractData,
  actor: string,
): Promise<{ status: "assigned"; contractId: string } | { status: "not_found" }> {
  return prisma.$transaction(async (tx) => {
    if (!(await customerExists(tx, customerId))) return { status: "not_found" } as const;
    const contract = await insertContract(tx, customerId, data, actor);
    await recordAudit(tx, {
      actor,
      action: "contract.assigned",
      entityType: "contract",
      entityId: contract.id,
      customerId,
      after: { ...data, startsOn: data.startsOn?.toISOString().slice(0, 10) ?? null },
    });
    return { status: "assigned", contractId: contract.id } as const;
  });
}
