import type { WebClient } from "@slack/web-api";
import { digestMessage } from "../../blocks/digest.ts";
import { ERASED_TEXT } from "../../blocks/privacy/erased-message.ts";
import type { Db } from "../../domain/db.ts";
import { loadPostedDigest } from "../../domain/digest/digest-message-repository.ts";
import { handle, jobs } from "../../domain/outbox/jobs.ts";
import { type JobHandlers, Outcome } from "../../domain/outbox/outbox-worker.ts";
import { outcomeOfSlackError } from "./slack-jobs.ts";

/** Slack errors that mean the digest is gone already (deleted by hand): nothing left to re-render. */
const GONE = new Set(["message_not_found"]);

/**
 * `digest.refresh`: a posted digest shown again from its record, each name read from its request
 * again, an erased person's as "Personenbezogene Daten gelöscht" (chat.update).
 */
export function digestJobHandlers({ client, db }: { client: WebClient; db: Db }): JobHandlers {
  return handle(jobs.refreshDigest, async ({ id }) => {
    const posted = await loadPostedDigest(db, id, ERASED_TEXT);
    if (!posted) return Outcome.done();
    const { text, blocks } = digestMessage(posted.digest, {
      ...(posted.workspaceUrl ? { workspaceUrl: posted.workspaceUrl } : {}),
    });
    try {
      await client.chat.update({ channel: posted.channel, ts: posted.ts, text, blocks });
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code && GONE.has(code)) return Outcome.done();
      return outcomeOfSlackError(err);
    }
    return Outcome.done();
  });
}
