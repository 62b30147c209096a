import type { KnownBlock } from "@slack/types";
import type { MembershipAnswer } from "../domain/team/membership.ts";

export function notMemberText(
  answer: Exclude<MembershipAnswer, "member">,
  channelId: string | undefined,
): string {
  if (!channelId) {
    return "kundenbot ist noch nicht eingerichtet: Es ist kein Team-Kanal konfiguriert (SLACK_CHANNEL_ID).";
  }
  if (answer === "unknown") {
    return "Der Zugriff kann gerade nicht geprüft werden, weil Slack nicht antwortet. Bitte versuchen Sie es in ein paar Minuten noch einmal.";
  }
  return `kundenbot steht nur Mitgliedern des Team-Kanals <#${channelId}> zur Verfügung. Bitte wenden Sie sich an Ihr Team, wenn Sie Zugriff brauchen.`;
}

/** The App Home (or modal) of someone who may not use the bot: a notice, no data. */
export function notMemberHome(text: string): KnownBlock[] {
  return [
    { type: "header", text: { type: "plain_text", text: "kundenbot" } },
    { type: "section", text: { type: "mrkdwn", text } },
  ];
}
