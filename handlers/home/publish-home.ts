import { HOME_MAIL_FAILURES } from "../../blocks/home/decline-mail-failures.ts";
import { HOME_PAGE_SIZE, type HomeData, type HomePages, homeView } from "../../blocks/home/home-view.ts";
import { MESSAGE_PAGE_SIZE, type WaitingPage } from "../../blocks/requests/waiting-lists.ts";
import type { Deps } from "../../bot/deps.ts";
import {
  countDeclineMailFailures,
  listDeclineMailFailures,
} from "../../domain/decisions/decline-mail-status.ts";
import { countDueErasures, retentionCutoff } from "../../domain/privacy/privacy-service.ts";
import {
  countWaiting,
  listOpenInquiries,
  listPendingInvitations,
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
export async function loadHomeData(deps: Deps, pages: HomePages = { i: 0, v: 0 }): Promise<HomeData> {
  const invitations = deps.config.invitationsEnabled;
  const counts = await countWaiting(deps.prisma, { invitations });
  const [inq, inv, failures, erasuresDue] = await Promise.all([
    inquiriesPage(deps, pages.i, counts.openInquiries, HOME_PAGE_SIZE),
    invitations ? invitationsPage(deps, pages.v, counts.pendingInvitations ?? 0, HOME_PAGE_SIZE) : undefined,
    invitations ? declineMailFailures(deps) : undefined,
    invitations
      ? countDueErasures(deps.prisma, retentionCutoff(deps.now(), deps.config.retentionDays))
      : undefined,
  ]);
  const exposure = deps.membership.exposure;
  return {
    counts,
    inquiries: inq,
    ...(exposure ? { channelExposure: exposure } : {}),
    ...(inv ? { invitations: inv } : {}),
    ...(failures ? { declineMailFailures: failures } : {}),
    ...(erasuresDue !== undefined
      ? { erasuresDue: { count: erasuresDue, retentionDays: deps.config.retentionDays } }
      : {}),
  };
}

/**
 * Publishes the App Home of a team member: the counts, the waiting requests with their decision
 * buttons, and search. Call it after each decision to refresh the deciding user's Home. Only for
 * members: the team-member guard keeps everyone else out before any listener runs.
 */
export async function publishHome(deps: Deps, userId: string, pages?: HomePages): Promise<void> {
  const data = await loadHomeData(deps, pages);
  await deps.slack.views.publish({ user_id: userId, view: homeView(data, deps.now()) });
}
