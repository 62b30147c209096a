import type { Db } from "../db.ts";

/**
 * Read-only views of the requests that wait for a decision: open inquiries and pending invitations,
 * oldest first. Every query filters on status and orders by receivedAt, so it runs on the
 * (status, receivedAt) index however many decided requests there are. Deciding is not done here.
 * The App Home, the lists of `/kunden` and the digest all read through these.
 */

export interface WaitingInquiry {
  id: string;
  name: string;
  email: string;
  company: string | null;
  phone: string | null;
  receivedAt: Date;
  /** Where its channel message is (the digest links to it); null while it has not been posted. */
  slackChannel?: string | null;
  slackTs?: string | null;
  /** Who took it (Übernehmen), and when. */
  takenBy?: string | null;
  takenAt?: Date | null;
}

export interface WaitingInvitation {
  id: string;
  name: string;
  email: string;
  company: string | null;
  customerNumber: string | null;
  accessLevel: "full" | "partial";
  receivedAt: Date;
  slackChannel?: string | null;
  slackTs?: string | null;
  takenBy?: string | null;
  takenAt?: Date | null;
}

export interface Page {
  limit: number;
  offset: number;
}

/** One page of a waiting list, with what the pager needs. */
export interface WaitingPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface WaitingCounts {
  openInquiries: number;
  oldestInquiryAt: Date | null;
  /** null when invitations do not exist (ISV partner program). */
  pendingInvitations: number | null;
  oldestInvitationAt: Date | null;
}

// Erased requests wait for nobody: their data is gone, and their message has no buttons.
const openInquiry = { status: "open", erasedAt: null } as const;
const pendingInvitation = { status: "pending", erasedAt: null } as const;
// Oldest first, and by id among equal times, so that pages and the digest keep the same order every time.
const oldestFirst = [{ receivedAt: "asc" as const }, { id: "asc" as const }];
// What the lists show of a request, and where its channel message is.
const waitingSelect = {
  id: true,
  name: true,
  email: true,
  company: true,
  receivedAt: true,
  slackChannel: true,
  slackTs: true,
  takenBy: true,
  takenAt: true,
} as const;
const before = (receivedBefore: Date | undefined) =>
  receivedBefore ? { receivedAt: { lt: receivedBefore } } : {};

/** Open inquiries, all or (for the digest's overdue count) those received before a time. */
export function countOpenInquiries(db: Db, receivedBefore?: Date): Promise<number> {
  return db.inquiry.count({ where: { ...openInquiry, ...before(receivedBefore) } });
}

/** Pending invitations, all or those received before a time. */
export function countPendingInvitations(db: Db, receivedBefore?: Date): Promise<number> {
  return db.invitation.count({ where: { ...pendingInvitation, ...before(receivedBefore) } });
}

/** The arrival of the oldest that waits. */
const oldest = { orderBy: { receivedAt: "asc" }, select: { receivedAt: true } } as const;

async function oldestOpenInquiryAt(db: Db): Promise<Date | null> {
  return (await db.inquiry.findFirst({ where: openInquiry, ...oldest }))?.receivedAt ?? null;
}

async function oldestPendingInvitationAt(db: Db): Promise<Date | null> {
  return (await db.invitation.findFirst({ where: pendingInvitation, ...oldest }))?.receivedAt ?? null;
}

/** The counts for the App Home and the help text; without invitations when they do not exist. */
export async function countWaiting(
  db: Db,
  { invitations }: { invitations: boolean },
): Promise<WaitingCounts> {
  const [openInquiries, oldestInquiryAt, pendingInvitations, oldestInvitationAt] = await Promise.all([
    countOpenInquiries(db),
    oldestOpenInquiryAt(db),
    invitations ? countPendingInvitations(db) : null,
    invitations ? oldestPendingInvitationAt(db) : null,
  ]);
  return { openInquiries, oldestInquiryAt, pendingInvitations, oldestInvitationAt };
}

export async function listOpenInquiries(db: Db, page: Page): Promise<WaitingInquiry[]> {
  return db.inquiry.findMany({
    where: openInquiry,
    orderBy: oldestFirst,
    skip: page.offset,
    take: page.limit,
    select: { ...waitingSelect, phone: true },
  });
}

export async function listPendingInvitations(db: Db, page: Page): Promise<WaitingInvitation[]> {
  return db.invitation.findMany({
    where: pendingInvitation,
    orderBy: oldestFirst,
    skip: page.offset,
    take: page.limit,
    select: { ...waitingSelect, customerNumber: true, accessLevel: true },
  });
}

/** The requests a member took and that are still undecided (Meine Anfragen), oldest first. */
export async function listTakenBy(
  db: Db,
  userId: string,
  { invitations, limit }: { invitations: boolean; limit: number },
): Promise<{ inquiries: WaitingInquiry[]; invitations: WaitingInvitation[]; total: number }> {
  const mine = { takenBy: userId };
  const [inq, inv, inqCount, invCount] = await Promise.all([
    db.inquiry.findMany({
      where: { ...openInquiry, ...mine },
      orderBy: oldestFirst,
      take: limit,
      select: { ...waitingSelect, phone: true },
    }),
    invitations
      ? db.invitation.findMany({
          where: { ...pendingInvitation, ...mine },
          orderBy: oldestFirst,
          take: limit,
          select: { ...waitingSelect, customerNumber: true, accessLevel: true },
        })
      : [],
    db.inquiry.count({ where: { ...openInquiry, ...mine } }),
    invitations ? db.invitation.count({ where: { ...pendingInvitation, ...mine } }) : 0,
  ]);
  return { inquiries: inq, invitations: inv, total: inqCount + invCount };
}
