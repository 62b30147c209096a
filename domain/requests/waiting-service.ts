import type { PrismaClient } from "../db.ts";
import { countDeclineMailFailures, listDeclineMailFailures } from "../decisions/decline-mail-status.ts";
import { findRequestMessage } from "../intake/intake-repository.ts";
import {
  countOpenInquiries,
  countPendingInvitations,
  countWaiting,
  listOpenInquiries,
  listPendingInvitations,
  type Page,
  type WaitingInquiry,
  type WaitingInvitation,
  type WaitingPage,
} from "./pending-requests.ts";

/** One page of a waiting list, the page number clamped to the last page. */
async function pageOf<T>(
  list: (db: PrismaClient, page: Page) => Promise<T[]>,
  db: PrismaClient,
  page: number,
  total: number,
  pageSize: number,
): Promise<WaitingPage<T>> {
  const p = Math.min(page, Math.max(0, Math.ceil(total / pageSize) - 1));
  const items = total ? await list(db, { limit: pageSize, offset: p * pageSize }) : [];
  return { items, total, page: p, pageSize };
}

/**
 * What waits for a decision, as the App Home and the lists of `/kunden` show it. Page sizes come
 * from the caller, because they are a matter of the screen.
 */
export function createWaitingService(prisma: PrismaClient, opts: { invitationsEnabled: boolean }) {
  const inquiriesPage = async (page: number, pageSize: number, total?: number) =>
    pageOf<WaitingInquiry>(
      listOpenInquiries,
      prisma,
      page,
      total ?? (await countOpenInquiries(prisma)),
      pageSize,
    );
  const invitationsPage = async (page: number, pageSize: number, total?: number) =>
    pageOf<WaitingInvitation>(
      listPendingInvitations,
      prisma,
      page,
      total ?? (await countPendingInvitations(prisma)),
      pageSize,
    );
  const declineMailFailures = async (limit: number) => {
    const total = await countDeclineMailFailures(prisma);
    return { total, items: total ? await listDeclineMailFailures(prisma, limit) : [] };
  };
  return {
    inquiriesPage,
    invitationsPage,
    counts: () => countWaiting(prisma, { invitations: opts.invitationsEnabled }),
    /** The whole message of a request ("Ganze Nachricht"), or null when it is gone. */
    requestMessage: (type: "inquiry" | "invitation", id: string) => findRequestMessage(prisma, type, id),
    /** Everything the App Home shows; without invitations in the ISV partner program. */
    async homeData(pages: { i: number; v: number }, sizes: { pageSize: number; mailFailures: number }) {
      const invitations = opts.invitationsEnabled;
      const counts = await countWaiting(prisma, { invitations });
      const [inq, inv, failures] = await Promise.all([
        inquiriesPage(pages.i, sizes.pageSize, counts.openInquiries),
        invitations ? invitationsPage(pages.v, sizes.pageSize, counts.pendingInvitations ?? 0) : undefined,
        invitations ? declineMailFailures(sizes.mailFailures) : undefined,
      ]);
      return {
        counts,
        inquiries: inq,
        ...(inv ? { invitations: inv } : {}),
        ...(failures ? { declineMailFailures: failures } : {}),
      };
    },
  };
}

export type WaitingService = ReturnType<typeof createWaitingService>;
