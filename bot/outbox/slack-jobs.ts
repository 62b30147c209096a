import { ErrorCode, WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import { inquiryMessage, invitationMessage } from "../../blocks/request-message.ts";
import type { PrismaClient } from "../../domain/db.ts";
import { recordDigestPostedAndRefresh } from "../../domain/digest/digest-message-repository.ts";
import type { IntakeAnnouncer } from "../../domain/intake/intake-service.ts";
import { handle, jobs, newJob, type PayloadOf } from "../../domain/outbox/jobs.ts";
import { type NewJob, slackLane } from "../../domain/outbox/outbox-repository.ts";
import {
  type JobHandlers,
  type JobOutcome,
  type LaneLimit,
  Outcome,
} from "../../domain/outbox/outbox-worker.ts";
import { recordPostedRequest } from "../../domain/privacy/privacy-service.ts";
import type { Config } from "../config.ts";
import { boltLogger } from "../logger.ts";

/**
 * The outbox's `slack.post` (chat.postMessage). The worker owns retrying; the handler only
 * translates Slack's answers into outcomes.
 */

/** The lane of posts to the team channel whose id is taken at delivery time. */
export const teamLane = (config: Config) => slackLane(config.slack.channelId ?? "team");

/** A `slack.post` job for the team channel (payload without channel: resolved when it is delivered). */
export function teamChannelPost(
  config: Config,
  payload: Omit<PayloadOf<typeof jobs.slackPost>, "channel">,
): NewJob {
  return newJob(jobs.slackPost, payload, { lane: teamLane(config) });
}

/** How new requests are announced: their message, posted to the team channel, linked to the record. */
export function requestAnnouncer(config: Config): IntakeAnnouncer {
  return {
    inquiry: (r) => teamChannelPost(config, { ...inquiryMessage(r), link: { type: "inquiry", id: r.id } }),
    invitation: (r) =>
      teamChannelPost(config, {
        ...invitationMessage(r, undefined, { invitationsEnabled: config.invitationsEnabled }),
        link: { type: "invitation", id: r.id },
      }),
  };
}

/** Slack lanes: about one post per second per channel with a short burst (Slack's limit). */
export function slackLaneLimit(config: Config): (lane: string) => LaneLimit | undefined {
  const intervalMs = 1000 / config.slackPostsPerSecond;
  return (lane) => (lane.startsWith("slack:") ? { intervalMs, burst: 3 } : undefined);
}

/** The worker's own client: it rejects rate-limited calls at once and never retries by itself. */
export function createWorkerSlackClient(config: Config, log: Logger): WebClient {
  return new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logger: boltLogger(log.child({ module: "outbox-slack" })),
  });
}

/** Slack errors that no retry fixes by itself, with what the operator has to do. */
const BLOCKING: Record<string, string> = {
  channel_not_found:
    "check SLACK_CHANNEL_ID (channel details → channel ID at the bottom) and invite the bot into the channel: /invite @kundenbot",
  not_in_channel: "invite the bot into the channel: /invite @kundenbot",
  is_archived: "unarchive the channel, or set SLACK_CHANNEL_ID to an active channel and restart",
  invalid_auth:
    "SLACK_BOT_TOKEN is not valid: copy the Bot User OAuth Token (xoxb-…) of the installed app and restart",
  not_authed: "SLACK_BOT_TOKEN is missing: set it and restart",
  account_inactive:
    "the bot's token belongs to a deactivated app or user: reinstall the Slack app, set the new SLACK_BOT_TOKEN and restart",
  token_revoked:
    "the bot token was revoked: reinstall the Slack app, set the new SLACK_BOT_TOKEN and restart",
  token_expired: "the bot token expired: reinstall the Slack app, set the new SLACK_BOT_TOKEN and restart",
  missing_scope: "add the missing scope (see manifest.yml) to the Slack app, reinstall it, and restart",
  restricted_action: "a workspace admin restricts posting in this channel: allow the bot to post there",
};

/** Slack-side errors that pass. */
const PASSING = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);

/** Translates what the Web API client threw into an outcome for the worker. */
export function outcomeOfSlackError(err: unknown): JobOutcome {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return Outcome.ratelimited(Math.max(1, e.retryAfter ?? 1) * 1000);
    case ErrorCode.HTTPError:
      return Outcome.retry(`Slack answered HTTP ${e.statusCode}`);
    case ErrorCode.RequestError:
      return Outcome.retry(`Slack not reachable: ${(err as Error).message}`);
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? "unknown_error";
      const action = BLOCKING[code];
      if (action) return Outcome.blocked(`Slack answered ${code}`, action);
      if (PASSING.has(code)) return Outcome.retry(`Slack answered ${code}`);
      return Outcome.failed(`Slack answered ${code}`);
    }
    default:
      return Outcome.retry(err instanceof Error ? err.message : String(err));
  }
}

export interface SlackJobDeps {
  client: WebClient;
  db: PrismaClient;
  config: Config;
  log: Logger;
}

export function slackJobHandlers({ client, db, config, log }: SlackJobDeps): JobHandlers {
  return handle(jobs.slackPost, async (p) => {
    const channel = p.channel ?? config.slack.channelId;
    if (!channel)
      return Outcome.blocked(
        "no team channel configured",
        "set SLACK_CHANNEL_ID to the team channel's ID and restart; the stored requests are posted then",
      );
    let posted: { channel?: string; ts?: string };
    try {
      posted = await client.chat.postMessage({
        channel,
        text: p.text,
        ...(p.blocks ? { blocks: p.blocks } : {}),
        ...(p.thread_ts ? { thread_ts: p.thread_ts } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (err) {
      return outcomeOfSlackError(err);
    }
    if (p.link && posted.ts) {
      try {
        if (p.link.type === "digest") {
          await recordDigestPostedAndRefresh(db, p.link.id, posted.channel ?? channel, posted.ts);
        } else {
          await recordPostedRequest(db, p.link.type, p.link.id, posted.channel ?? channel, posted.ts);
        }
      } catch (err) {
        // The post is out: retrying the job would post it twice. Keep the ts in the log instead.
        log.error(
          { err, link: p.link, channel: posted.channel ?? channel, ts: posted.ts },
          "posted, but could not store the message's ts; its message cannot be updated after a decision",
        );
      }
    }
    return Outcome.done();
  });
}
