import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import { chartAltText, reportMessage } from "../../blocks/report/report-message.ts";
import { handle, jobs, type MessageTarget } from "../../domain/outbox/jobs.ts";
import { type JobHandlers, type JobOutcome, Outcome } from "../../domain/outbox/outbox-worker.ts";
import type { Config } from "../config.ts";
import { renderChartPng } from "../report/render-png.ts";
import { uploadFile } from "../slack/upload-file.ts";
import { outcomeOfSlackError } from "./slack-jobs.ts";

export interface ReportJobDeps {
  client: WebClient;
  config: Config;
  log: Logger;
}

/** The channel a target names: the team channel, or the member's DM with the bot (opened, or found). */
async function channelOf(
  client: WebClient,
  config: Config,
  target: MessageTarget,
): Promise<{ channel: string } | { outcome: JobOutcome }> {
  if (target.to === "channel") {
    const channel = config.slack.channelId;
    if (!channel)
      return {
        outcome: Outcome.blocked(
          "no team channel configured",
          "set SLACK_CHANNEL_ID to the team channel's ID and restart",
        ),
      };
    return { channel };
  }
  try {
    const dm = await client.conversations.open({ users: target.user });
    if (!dm.channel?.id) return { outcome: Outcome.retry("conversations.open returned no channel") };
    return { channel: dm.channel.id };
  } catch (err) {
    return { outcome: outcomeOfSlackError(err) };
  }
}

/** Team members' names for the per-member lines (no mention: the report should not ping). */
async function memberNames(client: WebClient, users: string[], log: Logger): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  await Promise.all(
    users.slice(0, 20).map(async (user) => {
      try {
        const info = await client.users.info({ user });
        const name = info.user?.real_name || info.user?.profile?.display_name || info.user?.name;
        if (name) names[user] = name;
      } catch (err) {
        log.debug({ err, user }, "no name for a report line; the user id is shown");
      }
    }),
  );
  return names;
}

/**
 * The weekly report's two jobs. The text and the chart are separate jobs of the same lane: when
 * the upload fails, the text is out already and the chart is retried by the outbox on its own.
 */
export function reportJobHandlers({ client, config, log }: ReportJobDeps): JobHandlers {
  return {
    ...handle(jobs.postReport, async ({ target, report }) => {
      const where = await channelOf(client, config, target);
      if ("outcome" in where) return where.outcome;
      const names = await memberNames(
        client,
        report.members.map((m) => m.user),
        log,
      );
      try {
        await client.chat.postMessage({
          channel: where.channel,
          ...reportMessage(report, { names }),
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (err) {
        return outcomeOfSlackError(err);
      }
      return Outcome.done();
    }),
    ...handle(jobs.uploadReportChart, async ({ target, report }) => {
      const where = await channelOf(client, config, target);
      if ("outcome" in where) return where.outcome;
      const png = await renderChartPng(report);
      const week = report.weeks[report.weeks.length - 2]?.label ?? "";
      try {
        await uploadFile(client, {
          channel: where.channel,
          filename: `wochenbericht-${week.replace(/\s+/g, "")}.png`,
          bytes: png,
          title: `Wochenbericht ${week}`,
          altText: chartAltText(report),
        });
      } catch (err) {
        return outcomeOfSlackError(err);
      }
      return Outcome.done();
    }),
  };
}
