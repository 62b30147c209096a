import type { KnownBlock } from "@slack/types";
import type { ChannelExposure } from "../../domain/team/membership.ts";

/** The texts of the App Home's warning about a team channel open to people outside the team. */
export function channelWarningTexts(exposure: ChannelExposure | undefined): string[] {
  if (!exposure) return [];
  const texts: string[] = [];
  if (!exposure.isPrivate) {
    texts.push(
      ":warning: Der Team-Kanal ist öffentlich: Jede Person im Workspace kann die Anfragen darin lesen und ihre Knöpfe sehen, ohne beizutreten, und kann beitreten. Bitte machen Sie ihn privat.",
    );
  }
  if (exposure.isShared) {
    texts.push(
      ":warning: Der Team-Kanal ist mit einer anderen Organisation geteilt (Slack Connect): Deren Mitglieder sehen die Anfragen darin. Bitte nutzen Sie einen Kanal nur für Ihr Team.",
    );
  }
  return texts;
}

/** A context block with the warning, or nothing for a private, unshared channel. */
export function channelWarningBlocks(exposure: ChannelExposure | undefined): KnownBlock[] {
  const texts = channelWarningTexts(exposure);
  if (texts.length === 0) return [];
  return [
    {
      type: "context",
      block_id: "home_channel_warning",
      elements: texts.map((text) => ({ type: "mrkdwn" as const, text })),
    },
  ];
}
