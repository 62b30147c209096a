import type { Db } from "../db.ts";

/**
 * Read-only views of the requests that wait for a decision: open inquiries and pending invitations,
 * oldest first. Every query filters on status and orders by receivedAt, so it runs on the
 * (status, receivedAt) index however many decided requests there are. Deciding is not done here.
 */

export interface WaitingInquiry {
  id: string;
  name: string;
  email: string;
  company: string | null;
  phone: string | null;
  receivedAt: Date;
}

export interface WaitingInvitation {
  id: string;
  name: string;
  email: string;
  company: string | null;
  customerNumber: string | null;
  accessLevel: "full" | "partial";
  receivedAt: Date;
}

export interface Page {
  limit: number;
  offset: number;
}

export interface WaitingCounts {
  openInquiries: number;
  oldestInquiryAt: Date | null;
  /** null when invitations do not exist (ISV partner program). */
  pendingInvitations: number | null;
  oldestInvitationAt: Date | null;
}

export async function countOpenInquiries(db: Db): Promise<{ count: number; oldest: Date | null }> {
  const [count, oldest] = await Promise.all([
    db.inquiry.count({ where: { status: "open" } }),
    db.inquiry.findFirst({
      where: { status: "open" },
      orderBy: { receivedAt: "asc" },
      select: { receivedAt: true },
    }),
  ]);
  return { count, oldest: oldest?.receivedAt ?? null };
}

export async function countPendingInvitations(db: Db): Promise<{ count: number; oldest: Date | null }> {
  const [count, oldest] = await Promise.all([
    db.invitation.count({ where: { status: "pending" } }),
    db.invitation.findFirst({
      where: { status: "pending" },
      orderBy: { receivedAt: "asc" },
      select: { receivedAt: true },
    }),
  ]);
  return { count, oldest: oldest?.receivedAt ?? null };
}

/** The counts for the App Home and the help text; without invitations when they do not exist. */
export async function countWaiting(
  db: Db,
  { invitations }: { invitations: boolean },
): Promise<WaitingCounts> {
  const [inq, inv] = await Promise.all([
    countOpenInquiries(db),
    invitations ? countPendingInvitations(db) : undefined,
  ]);
  return {
    openInquiries: inq.count,
    oldestInquiryAt: inq.oldest,
    pendingInvitations: inv?.count ?? null,
    oldestInvitationAt: inv?.oldest ?? null,
  };
}

export async function listOpenInquiries(db: Db, page: Page): Promise<WaitingInquiry[]> {
  return db.inquiry.findMany({
    where: { status: "open" },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    skip: page.offset,
    take: page.limit,
    select: { id: true, name: true, email: true, company: true, phone: true, receivedAt: true },
  });
}

export async function listPendingInvitations(db: Db, page: Page): Promise<WaitingInvitation[]> {
  return db.invitation.findMany({
    where: { status: "pending" },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    skip: page.offset,
    take: page.limit,
    select: {
      id: true,
      name: true,
      email: true,
      company: true,
      customerNumber: true,
      accessLevel: true,
      receivedAt: true,
    },
  });
}
