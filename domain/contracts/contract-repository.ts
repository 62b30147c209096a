import type { Db } from "../db.ts";
import type { ContractData } from "./contract.schema.ts";

export async function insertContract(db: Db, customerId: string, data: ContractData, actor: string) {
  return db.contract.create({
    data: { ...data, customerId, createdBy: actor },
    select: { id: true },
  });
}
