import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import { erasedThreadMessage } from "../../blocks/privacy/erased-message.ts";
import type { SlackMessage } from "../../blocks/request-message.ts";
import type { Db } from "../../domain/db.ts";
import { handle, jobs } from "../../domain/outbox/jobs.ts";
import { type JobHandlers, type JobOutcome, Outcome } from "../../domain/outbox/outbox-worker.ts";
import {
  type RequestRef,
  recordThreadMessage,
  type ThreadMessageKind,
} from "../../domain/requests/thread-message-repository.ts";
import { outcomeOfSlackError } from "./slack-jobs.ts";

/**
 * The one way the bot posts a reply in a request's thread. Every such reply (a note, a reminder, an
 * answer to the prospect, their reply, a follow-up, …) is recorded with its ts (RequestThreadMessage),
 * so that the erasure of the request's person overwrites it (`jobs.eraseThreadMessage`, below).
 *
 * A new kind of thread reply: add its name to `ThreadMessageKind`
 * (domain/requests/thread-message-repository.ts) and post from its outbox handler with
 * `postInRequestThread(deps, { request, kind, channel, threadTs, message })`; return the outcome it
 * gives. Nothing else is needed for the Auskunft and the erasure. Never call chat.postMessage with a
 * request's `thread_ts` directly: a reply posted that way survives the erasure.
 */

export interface ThreadPostDeps {
  client: WebClient;
  db: Db;
  now: () => Date;
  log: Logger;
}

export async function postInRequestThread(
  deps: ThreadPostDeps,
  input: {
    request: RequestRef;
    kind: ThreadMessageKind;
    channel: string;
    /** The request's channel message; absent only when it was never posted (the reply stands alone). */
    threadTs: string | null;
    message: SlackMessage;
  },
): Promise<JobOutcome> {
  let posted: { channel?: string; ts?: string };
  try {
    posted = await deps.client.chat.postMessage({
      channel: input.channel,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      ...input.message,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (err) {
    return outcomeOfSlackError(err);
  }
  if (!posted.ts) return Outcome.done();
  const channel = posted.channel ?? input.channel;
  try {
    await recordThreadMessage(deps.db, {
      request: input.request,
      kind: input.kind,
      channel,
      ts: posted.ts,
      at: deps.now(),
    });
  } catch (err) {
    // The reply is out: retrying would post it twice. Keep its ts in the log for a manual erasure.
    deps.log.error(
      { err, request: input.request, kind: input.kind, channel, ts: posted.ts },
      "posted in the thread, but could not record the reply's ts; an erasure cannot overwrite it",
    );
  }
  return Outcome.done();
}

/** Slack errors that mean the reply is gone already (deleted by hand): nothing left to overwrite. */
const GONE = new Set(["message_not_found"]);

/** `request.erase_thread_message`: overwrites one recorded reply of an erased person's request. */
export function threadPostJobHandlers({ client }: { client: WebClient }): JobHandlers {
  return handle(jobs.eraseThreadMessage, async ({ channel, ts }) => {
    try {
      await client.chat.update({ channel, ts, ...erasedThreadMessage() });
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code && GONE.has(code)) return Outcome.done();
      return outcomeOfSlackError(err);
    }
    return Outcome.done();
  });
}
