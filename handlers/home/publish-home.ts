import { HOME_MAIL_FAILURES } from "../../blocks/home/decline-mail-failures.ts";
import {
  HOME_MINE,
  HOME_PAGE_SIZE,
  type HomeData,
  type HomePages,
  homeView,
} from "../../blocks/home/home-view.ts";
import { MESSAGE_PAGE_SIZE, type WaitingPage } from "../../blocks/requests/waiting-lists.ts";
import type { Deps } from "../../bot/deps.ts";
import {
  countDeclineMailFailures,
  listDeclineMailFailures,
} from "../../domain/decisions/decline-mail-status.ts";
import {
  countWaiting,
  listOpenInquiries,
  listPendingInvitations,
  listTakenBy,
  type Page,
  type WaitingInquiry,
  type WaitingInvitation,
} from "../../domain/requests/pending-requests.ts";

/** One page of a waiting list, the page number clamped to the last page. */
async function pageOf<T>(
  list: (db: Deps["prisma"], page: Page) => Promise<T[]>,
  deps: Deps,
  page: number,
  total: number,
  pageSize: number,
): Promise<WaitingPage<T>> {
  const p = Math.min(page, Math.max(0, Math.ceil(total / pageSize) - 1));
  const items = total ? await list(deps.prisma, { limit: pageSize, offset: p * pageSize }) : [];
  return { items, total, page: p, pageSize };
}

export const inquiriesPage = (deps: Deps, page: number, total: number, pageSize = MESSAGE_PAGE_SIZE) =>
  pageOf<WaitingInquiry>(listOpenInquiries, deps, page, total, pageSize);

export const invitationsPage = (deps: Deps, page: number, total: number, pageSize = MESSAGE_PAGE_SIZE) =>
  pageOf<WaitingInvitation>(listPendingInvitations, deps, page, total, pageSize);

async function declineMailFailures(deps: Deps) {
  const total = await countDeclineMailFailures(deps.prisma);
  return { total, items: total ? await listDeclineMailFailures(deps.prisma, HOME_MAIL_FAILURES) : [] };
}

/** Everything the App Home shows; without invitations in the ISV partner program. */
export async function loadHomeData(
  deps: Deps,
  pages: HomePages = { i: 0, v: 0 },
  viewer?: string,
): Promise<HomeData> {
  const invitations = deps.config.invitationsEnabled;
  const counts = await countWaiting(deps.prisma, { invitations });
  const [mine, inq, inv, failures] = await Promise.all([
    viewer ? listTakenBy(deps.prisma, viewer, { invitations, limit: HOME_MINE }) : undefined,
    inquiriesPage(deps, pages.i, counts.openInquiries, HOME_PAGE_SIZE),
    invitations ? invitationsPage(deps, pages.v, counts.pendingInvitations ?? 0, HOME_PAGE_SIZE) : undefined,
    invitations ? declineMailFailures(deps) : undefined,
  ]);
  const exposure = deps.membership.exposure;
  return {
    counts,
    ...(mine && mine.total > 0 ? { mine } : {}),
    inquiries: inq,
    ...(exposure ? { channelExposure: exposure } : {}),
    ...(inv ? { invitations: inv } : {}),
    ...(failures ? { declineMailFailures: failures } : {}),
  };
}

/**
 * Publishes the App Home of a team member: the counts, the waiting requests with their decision
 * buttons, and search. Call it after each decision to refresh the deciding user's Home. Only for
 * members: the team-member guard keeps everyone else out before any listener runs.
 */
export async function publishHome(deps: Deps, userId: string, pages?: HomePages): Promise<void> {
  const data = await loadHomeData(deps, pages, userId);
  await deps.slack.views.publish({ user_id: userId, view: homeView(data, deps.now()) });
}
