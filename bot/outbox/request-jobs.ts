import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import { declineMailFailedMessage } from "../../blocks/decision-notice.ts";
import { erasedRequestMessage } from "../../blocks/privacy/erased-message.ts";
import { inquiryMessage, invitationMessage } from "../../blocks/request-message.ts";
import { assignedDirectMessage } from "../../blocks/requests/assign-member.ts";
import { followUpThreadMessage } from "../../blocks/requests/follow-up.ts";
import { noteThreadMessage } from "../../blocks/requests/note.ts";
import { reminderMessage } from "../../blocks/requests/triage.ts";
import type { Db } from "../../domain/db.ts";
import { decisionOf } from "../../domain/decisions/decision.ts";
import { findDeclineMailFailure } from "../../domain/decisions/decline-mail-repository.ts";
import { findRequestForDecision } from "../../domain/decisions/request-repository.ts";
import { findFollowUpForThread } from "../../domain/follow-ups/follow-up-repository.ts";
import { FOLLOW_UP_LATE_AFTER_MS } from "../../domain/follow-ups/limits.ts";
import { handle, jobs } from "../../domain/outbox/jobs.ts";
import { type JobHandlers, Outcome } from "../../domain/outbox/outbox-worker.ts";
import { findNoteForThread } from "../../domain/triage/note-repository.ts";
import { holderOf } from "../../domain/triage/triage-repository.ts";
import type { Config } from "../config.ts";
import { outcomeOfSlackError } from "./slack-jobs.ts";
import { postInRequestThread } from "./thread-posts.ts";

/** Until a request's message is posted there is nothing to update; its post comes first. */
const WAIT_FOR_POST_MS = 5_000;

/**
 * `request.refresh_message`: re-renders a request's channel message from the database (open, or
 * decided: who, when, which customer; or erased: no personal data) and updates it with chat.update. Rendering at delivery time
 * means a retry, or a refresh after Slack was down, always shows the current truth.
 * `request.mail_failed_notice`: tells the team in the invitation's thread that its decline e-mail was refused.
 * `request.post_note`: posts a note (Notiz) in its request's thread, rendered from the database.
 * `request.remind`: posts the reminder of a request that waits undecided, unless it was decided meanwhile.
 * `request.post_follow_up`: posts a due follow-up (Wiedervorlage) in its request's thread, mentioning
 * who holds the request, else who set it; marked late when it was claimed well after its time.
 */
export function requestJobHandlers({
  client,
  db,
  config,
  now,
  log,
}: {
  client: WebClient;
  db: Db;
  config: Config;
  now: () => Date;
  log: Logger;
}): JobHandlers {
  // Every reply in a request's thread goes through postInRequestThread: its ts is recorded for the erasure.
  const thread = { client, db, now, log };
  return {
    ...handle(jobs.remind, async ({ kind, id }) => {
      const request = await findRequestForDecision(db, kind, id);
      // Decided (or erased) since the claim: nobody needs reminding any more.
      if (!request || decisionOf(request)) return Outcome.done();
      if (!request.slackChannel || !request.slackTs) {
        return Outcome.retry("the request's message is not posted yet", WAIT_FOR_POST_MS);
      }
      const holder = holderOf(request);
      return postInRequestThread(thread, {
        request: { kind, id },
        kind: "reminder",
        channel: request.slackChannel,
        threadTs: request.slackTs,
        message: reminderMessage({
          kind: request.kind,
          receivedAt: request.receivedAt,
          now: now(),
          ...(holder ? { holder } : {}),
        }),
      });
    }),
    ...handle(jobs.refreshMessage, async ({ kind, id }) => {
      const request = await findRequestForDecision(db, kind, id);
      if (!request) return Outcome.failed(`no ${kind} ${id}`);
      if (!request.slackChannel || !request.slackTs) {
        return Outcome.retry("the request's message is not posted yet", WAIT_FOR_POST_MS);
      }
      const decision = decisionOf(request);
      const message = request.erasedAt
        ? erasedRequestMessage(request.kind)
        : request.kind === "inquiry"
          ? inquiryMessage(request, decision, { timeZone: config.digest.timezone })
          : invitationMessage({ ...request, accessLevel: request.accessLevel ?? "full" }, decision, {
              invitationsEnabled: config.invitationsEnabled,
              timeZone: config.digest.timezone,
            });
      try {
        await client.chat.update({ channel: request.slackChannel, ts: request.slackTs, ...message });
      } catch (err) {
        return outcomeOfSlackError(err);
      }
      return Outcome.done();
    }),
    ...handle(jobs.assignedNotice, async ({ kind, id, user, by }) => {
      const request = await findRequestForDecision(db, kind, id);
      if (!request) return Outcome.done();
      if (!request.slackChannel || !request.slackTs) {
        return Outcome.retry("the request's message is not posted yet", WAIT_FOR_POST_MS);
      }
      try {
        const link = await client.chat.getPermalink({
          channel: request.slackChannel,
          message_ts: request.slackTs,
        });
        if (!link.permalink) return Outcome.retry("chat.getPermalink returned no permalink");
        const dm = await client.conversations.open({ users: user });
        if (!dm.channel?.id) return Outcome.retry("conversations.open returned no channel");
        await client.chat.postMessage({
          channel: dm.channel.id,
          ...assignedDirectMessage({ kind, by, permalink: link.permalink }),
        });
      } catch (err) {
        return outcomeOfSlackError(err);
      }
      return Outcome.done();
    }),
    ...handle(jobs.postNote, async ({ noteId }) => {
      const note = await findNoteForThread(db, noteId);
      // Erased meanwhile (data protection): there is nothing left to post.
      if (!note) return Outcome.done();
      if (!note.slackChannel || !note.slackTs) {
        return Outcome.retry("the request's message is not posted yet", WAIT_FOR_POST_MS);
      }
      return postInRequestThread(thread, {
        request: note.request,
        kind: "note",
        channel: note.slackChannel,
        threadTs: note.slackTs,
        message: noteThreadMessage(note),
      });
    }),
    ...handle(jobs.postFollowUp, async ({ id }) => {
      const f = await findFollowUpForThread(db, id);
      // Replaced, deleted or erased since the claim: there is nothing left to post.
      if (!f?.firedAt) return Outcome.done();
      if (!f.slackChannel || !f.slackTs) {
        return Outcome.retry("the request's message is not posted yet", WAIT_FOR_POST_MS);
      }
      return postInRequestThread(thread, {
        request: f.request,
        kind: "follow_up",
        channel: f.slackChannel,
        threadTs: f.slackTs,
        message: followUpThreadMessage({
          mention: f.takenBy ?? f.setBy,
          note: f.note,
          dueAt: f.dueAt,
          late: f.firedAt.getTime() - f.dueAt.getTime() > FOLLOW_UP_LATE_AFTER_MS,
          timeZone: config.digest.timezone,
        }),
      });
    }),
    ...handle(jobs.mailFailedNotice, async ({ id }) => {
      const inv = await findDeclineMailFailure(db, id);
      if (!inv) return Outcome.failed(`no invitation ${id}`);
      const channel = inv.slackChannel ?? config.slack.channelId;
      if (!channel) return Outcome.blocked("no team channel configured", "set SLACK_CHANNEL_ID and restart");
      return postInRequestThread(thread, {
        request: { kind: "invitation", id },
        kind: "mail_failed",
        channel,
        threadTs: inv.slackTs,
        message: declineMailFailedMessage(inv),
      });
    }),
  };
}
