import type { Deps } from "../deps.ts";

/** The field errors of an input that names a person who may not be chosen. */
export const NOT_A_TEAM_MEMBER = "Bitte ein Mitglied des Team-Kanals wählen (keine Apps, niemand von außen).";
export const MEMBERSHIP_UNKNOWN =
  "Gerade nicht prüfbar, ob diese Person zum Team gehört. Bitte gleich noch einmal.";

/**
 * A modal input that names a person (a task's assignee, **Zuweisen**) accepts only team members:
 * not the bot, not another app, not someone outside the team channel or of another organisation
 * (the same check as the guard of every request, bot/slack/team-membership.ts). Returns the field
 * error to show under the input, or nothing when the person may be chosen (or none was chosen).
 */
export async function teamMemberFieldError(deps: Deps, userId: string | null | undefined) {
  if (!userId) return undefined;
  const answer = await deps.membership.check(userId);
  if (answer === "member") return undefined;
  return answer === "unknown" ? MEMBERSHIP_UNKNOWN : NOT_A_TEAM_MEMBER;
}
