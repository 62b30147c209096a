import { HOME_MAIL_FAILURES } from "../../blocks/home/decline-mail-failures.ts";
import { HOME_FOLLOW_UPS } from "../../blocks/home/follow-ups.ts";
import { HOME_MINE, HOME_PAGE_SIZE, type HomePages, homeView } from "../../blocks/home/home-view.ts";
import type { Deps } from "../deps.ts";

/**
 * Publishes the App Home of a team member: the counts, the waiting requests with their decision
 * buttons, and search. Call it after each decision to refresh the deciding user's Home. Only for
 * members: the team-member guard keeps everyone else out before any listener runs.
 */
export async function publishHome(deps: Deps, userId: string, pages: HomePages = { i: 0, v: 0 }) {
  const waiting = await deps.waiting.homeData(
    pages,
    {
      pageSize: HOME_PAGE_SIZE,
      mailFailures: HOME_MAIL_FAILURES,
      mine: HOME_MINE,
      followUps: HOME_FOLLOW_UPS,
    },
    userId,
  );
  // Links to the follow-ups' messages; without the workspace's URL (not known yet) they are left out.
  const workspaceUrl = waiting.followUps?.items.some((f) => f.slackTs)
    ? await deps.workspaceUrl?.get()
    : undefined;
  const erasuresDue = deps.config.invitationsEnabled ? await deps.privacy.dueErasures() : undefined;
  // Whether the team channel is public or shared is Slack's to tell, not the database's.
  const exposure = deps.membership.exposure;
  const data = {
    ...waiting,
    timeZone: deps.config.digest.timezone,
    ...(workspaceUrl ? { workspaceUrl } : {}),
    ...(exposure ? { channelExposure: exposure } : {}),
    ...(deps.mailIntake ? { mailIntake: deps.mailIntake.status() } : {}),
    ...(deps.config.adminUsers ? {} : { noAdmins: true }),
    ...(erasuresDue !== undefined
      ? { erasuresDue: { count: erasuresDue, retentionDays: deps.config.retentionDays } }
      : {}),
  };
  await deps.slack.views.publish({ user_id: userId, view: homeView(data, deps.now()) });
}
