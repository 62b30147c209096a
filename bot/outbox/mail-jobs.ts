import type { Logger } from "pino";
import { recordAnswerMailFailed } from "../../domain/conversation/answer-mail-status.ts";
import { recordEntryMail } from "../../domain/conversation/conversation-repository.ts";
import type { PrismaClient } from "../../domain/db.ts";
import {
  recordDeclineMailFailed,
  recordDeclineMailSent,
} from "../../domain/decisions/decline-mail-repository.ts";
import { handle, jobs } from "../../domain/outbox/jobs.ts";
import { type JobHandlers, Outcome } from "../../domain/outbox/outbox-worker.ts";
import type { Mailer } from "../mail/mailer.ts";

/**
 * `mail.send`: delivers an e-mail to a prospect (a decline, an answer). While the SMTP server is
 * down or answers 4xx the worker retries with backoff (also across restarts: the job stays in the
 * database). A permanent refusal (5xx) is recorded and reported to the team in the request's thread.
 */
export function mailJobHandlers({
  mailer,
  db,
  log,
}: {
  mailer: Mailer;
  db: PrismaClient;
  log?: Logger;
}): JobHandlers {
  return handle(jobs.sendMail, async ({ invitationId, entryId, ...mail }) => {
    const result = await mailer.send(mail);
    switch (result.result) {
      case "sent":
        try {
          if (entryId) await recordEntryMail(db, entryId, { status: "sent" });
          if (invitationId) await recordDeclineMailSent(db, invitationId);
        } catch (err) {
          // The mail is out: a failed status write must not become a retry, which would send it again.
          log?.error(
            { err, invitation: invitationId, entry: entryId },
            "e-mail sent, but its status could not be recorded",
          );
        }
        return Outcome.done();
      case "retry":
        return Outcome.retry(`SMTP: ${result.error}`);
      case "refused":
        if (invitationId) await recordDeclineMailFailed(db, invitationId, result.error);
        else if (entryId) await recordAnswerMailFailed(db, entryId, result.error);
        if (invitationId && entryId)
          await recordEntryMail(db, entryId, { status: "failed", error: result.error });
        return Outcome.failed(`SMTP refused the e-mail for good: ${result.error}`);
    }
  });
}
