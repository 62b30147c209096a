import { answerMailFailedMessage, conversationThreadMessage } from "../../blocks/requests/conversation.ts";
import { findEntryForThread } from "../../domain/conversation/conversation-repository.ts";
import { handle, jobs } from "../../domain/outbox/jobs.ts";
import { type JobHandlers, Outcome } from "../../domain/outbox/outbox-worker.ts";
import { postInRequestThread, type ThreadPostDeps } from "./thread-posts.ts";

/** Until a request's message is posted there is no thread; its post comes first. */
const WAIT_FOR_POST_MS = 5_000;

/**
 * `conversation.post`: an answer, a reply, or that an answer's mail was refused, in the request's
 * thread, rendered from the database at delivery (an entry erased meanwhile is not posted), and
 * recorded with its ts so that an erasure overwrites it (thread-posts.ts).
 */
export function conversationJobHandlers(deps: ThreadPostDeps): JobHandlers {
  return handle(jobs.postConversation, async ({ entryId, what }) => {
    const entry = await findEntryForThread(deps.db, entryId);
    if (!entry?.request) return Outcome.done();
    if (!entry.slackChannel || !entry.slackTs) {
      return Outcome.retry("the request's message is not posted yet", WAIT_FOR_POST_MS);
    }
    const failed = what === "mail_failed";
    return postInRequestThread(deps, {
      request: { kind: entry.request.kind, id: entry.request.requestId },
      kind: failed ? "mail_failed" : entry.direction === "outbound" ? "answer" : "reply",
      channel: entry.slackChannel,
      threadTs: entry.slackTs,
      message: failed ? answerMailFailedMessage(entry) : conversationThreadMessage(entry),
    });
  });
}
