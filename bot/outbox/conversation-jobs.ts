import type { WebClient } from "@slack/web-api";
import { answerMailFailedMessage, conversationThreadMessage } from "../../blocks/requests/conversation.ts";
import { findEntryForThread } from "../../domain/conversation/conversation-repository.ts";
import type { Db } from "../../domain/db.ts";
import { handle, jobs } from "../../domain/outbox/jobs.ts";
import { type JobHandlers, Outcome } from "../../domain/outbox/outbox-worker.ts";
import { outcomeOfSlackError } from "./slack-jobs.ts";

/** Until a request's message is posted there is no thread; its post comes first. */
const WAIT_FOR_POST_MS = 5_000;

/**
 * `conversation.post`: an answer, a reply, or that an answer's mail was refused, in the request's
 * thread, rendered from the database at delivery (an entry erased meanwhile is not posted).
 */
export function conversationJobHandlers({ client, db }: { client: WebClient; db: Db }): JobHandlers {
  return handle(jobs.postConversation, async ({ entryId, what }) => {
    const entry = await findEntryForThread(db, entryId);
    if (!entry) return Outcome.done();
    if (!entry.slackChannel || !entry.slackTs) {
      return Outcome.retry("the request's message is not posted yet", WAIT_FOR_POST_MS);
    }
    const message =
      what === "mail_failed" ? answerMailFailedMessage(entry) : conversationThreadMessage(entry);
    try {
      await client.chat.postMessage({
        channel: entry.slackChannel,
        thread_ts: entry.slackTs,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (err) {
      return outcomeOfSlackError(err);
    }
    return Outcome.done();
  });
}
