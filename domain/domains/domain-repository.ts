import type { Db } from "../db.ts";

export async function findDomainOwner(db: Db, name: string) {
  return db.domain.findUnique({
    where: { name },
    select: { id: true, customerId: true },
  });
}

export async function insertDomain(db: Db, customerId: string, name: string, actor: string) {
  return db.domain.create({
    data: { customerId, name, createdBy: actor },
    select: { id: true, name: true },
  });
}
