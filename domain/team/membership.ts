/**
 * Who is on the team, as the guard, the App Home and the notices see it (bot/slack/team-membership.ts
 * finds it out). Types only, without imports: every layer may use them.
 */

/** Whether a user is on the team; "unknown" when Slack could not be asked and no recent list is left. */
export type MembershipAnswer = "member" | "not-member" | "unknown";

/** How the team channel is set up: a public or shared channel lets people outside the team in. */
export interface ChannelExposure {
  isPrivate: boolean;
  isShared: boolean;
}
