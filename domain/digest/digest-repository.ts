import type { Db } from "../db.ts";

/** A request still waiting for the team: a pending invitation or an open inquiry. */
export interface WaitingRequestRow {
  id: string;
  name: string;
  /** Invitations only. */
  accessLevel?: "full" | "partial";
  receivedAt: Date;
  slackChannel: string | null;
  slackTs: string | null;
}

const waitingSelect = {
  id: true,
  name: true,
  receivedAt: true,
  slackChannel: true,
  slackTs: true,
} as const;

// Oldest first, and by id among equal times, so that the digest lists the same order every time.
const oldestFirst = [{ receivedAt: "asc" as const }, { id: "asc" as const }];

export async function countPendingInvitations(db: Db, receivedBefore?: Date): Promise<number> {
  return db.invitation.count({
    where: { status: "pending", ...(receivedBefore ? { receivedAt: { lt: receivedBefore } } : {}) },
  });
}

export async function countOpenInquiries(db: Db, receivedBefore?: Date): Promise<number> {
  return db.inquiry.count({
    where: { status: "open", ...(receivedBefore ? { receivedAt: { lt: receivedBefore } } : {}) },
  });
}

export async function findOldestPendingInvitations(db: Db, take: number): Promise<WaitingRequestRow[]> {
  return db.invitation.findMany({
    where: { status: "pending" },
    orderBy: oldestFirst,
    take,
    select: { ...waitingSelect, accessLevel: true },
  });
}

export async function findOldestOpenInquiries(db: Db, take: number): Promise<WaitingRequestRow[]> {
  return db.inquiry.findMany({
    where: { status: "open" },
    orderBy: oldestFirst,
    take,
    select: waitingSelect,
  });
}
