import type { PrismaClient } from "../db.ts";
import { countDeclineMailFailures, listDeclineMailFailures } from "../decisions/decline-mail-repository.ts";
import { countFollowUpsForMember, findFollowUpsForMember } from "../follow-ups/follow-up-repository.ts";
import { findRequestMessage } from "../intake/intake-repository.ts";
import { countPerPhase } from "../pipeline/phase-repository.ts";
import {
  countOpenInquiries,
  countPendingInvitations,
  countWaiting,
  listOpenInquiries,
  listPendingInvitations,
  listTakenBy,
  type Page,
  type WaitingInquiry,
  type WaitingInvitation,
  type WaitingPage,
} from "./pending-request-repository.ts";

/** Pages of a waiting list, the page number clamped to the last page; `total` when it is known already. */
function pagesOf<T>(
  db: PrismaClient,
  list: (db: PrismaClient, page: Page) => Promise<T[]>,
  count: (db: PrismaClient) => Promise<number>,
) {
  return async (page: number, pageSize: number, total?: number): Promise<WaitingPage<T>> => {
    const all = total ?? (await count(db));
    const p = Math.min(page, Math.max(0, Math.ceil(all / pageSize) - 1));
    const items = all ? await list(db, { limit: pageSize, offset: p * pageSize }) : [];
    return { items, total: all, page: p, pageSize };
  };
}

/**
 * What waits for a decision, as the App Home and the lists of `/kunden` show it. Page sizes come
 * from the caller, because they are a matter of the screen.
 */
export function createWaitingService(prisma: PrismaClient, opts: { invitationsEnabled: boolean }) {
  const inquiriesPage = pagesOf<WaitingInquiry>(prisma, listOpenInquiries, (db) => countOpenInquiries(db));
  const invitationsPage = pagesOf<WaitingInvitation>(prisma, listPendingInvitations, (db) =>
    countPendingInvitations(db),
  );
  const declineMailFailures = async (limit: number) => {
    const total = await countDeclineMailFailures(prisma);
    return { total, items: total ? await listDeclineMailFailures(prisma, limit) : [] };
  };
  /** Meine Wiedervorlagen: the viewer's follow-ups, soonest first, at most `limit`, and how many in all. */
  const memberFollowUps = async (viewer: string, limit: number) => {
    const items = await findFollowUpsForMember(prisma, viewer, { limit });
    // Fewer than the limit: that is all of them, no count needed.
    const total = items.length < limit ? items.length : await countFollowUpsForMember(prisma, viewer);
    return { items, total };
  };
  return {
    inquiriesPage,
    invitationsPage,
    counts: () => countWaiting(prisma, { invitations: opts.invitationsEnabled }),
    /** The whole message of a request ("Ganze Nachricht"), or null when it is gone. */
    requestMessage: (type: "inquiry" | "invitation", id: string) => findRequestMessage(prisma, type, id),
    /**
     * Everything the App Home shows; without invitations in the ISV partner program. With a viewer,
     * also the requests they took (Meine Anfragen), at most `sizes.mine`.
     */
    async homeData(
      pages: { i: number; v: number },
      sizes: { pageSize: number; mailFailures: number; mine?: number; followUps?: number },
      viewer?: string,
    ) {
      const invitations = opts.invitationsEnabled;
      const counts = await countWaiting(prisma, { invitations });
      const [mine, followUps, inq, inv, failures, phases] = await Promise.all([
        viewer ? listTakenBy(prisma, viewer, { invitations, limit: sizes.mine ?? 5 }) : undefined,
        viewer ? memberFollowUps(viewer, sizes.followUps ?? 10) : undefined,
        inquiriesPage(pages.i, sizes.pageSize, counts.openInquiries),
        invitations ? invitationsPage(pages.v, sizes.pageSize, counts.pendingInvitations ?? 0) : undefined,
        invitations ? declineMailFailures(sizes.mailFailures) : undefined,
        countPerPhase(prisma),
      ]);
      return {
        counts,
        ...(mine && mine.total > 0 ? { mine } : {}),
        ...(followUps ? { followUps } : {}),
        inquiries: inq,
        ...(inv ? { invitations: inv } : {}),
        ...(failures ? { declineMailFailures: failures } : {}),
        phases,
      };
    },
  };
}

export type WaitingService = ReturnType<typeof createWaitingService>;
