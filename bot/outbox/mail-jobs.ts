import type { Logger } from "pino";
import type { PrismaClient } from "../../domain/db.ts";
import {
  recordDeclineMailFailed,
  recordDeclineMailSent,
} from "../../domain/decisions/decline-mail-repository.ts";
import { handle, jobs } from "../../domain/outbox/jobs.ts";
import { type JobHandlers, Outcome } from "../../domain/outbox/outbox-worker.ts";
import type { Mailer } from "../mail/mailer.ts";

/**
 * `mail.send`: delivers an e-mail to a prospect. While the SMTP server is down or answers 4xx the
 * worker retries with backoff (also across restarts: the job stays in the database). A permanent
 * refusal (5xx) is recorded on the invitation and reported to the team in the message's thread.
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
  return handle(jobs.sendMail, async ({ invitationId, ...mail }) => {
    const result = await mailer.send(mail);
    switch (result.result) {
      case "sent":
        try {
          await recordDeclineMailSent(db, invitationId);
        } catch (err) {
          // The mail is out: a failed status write must not become a retry, which would send it again.
          log?.error(
            { err, invitation: invitationId },
            "decline e-mail sent, but its status could not be recorded",
          );
        }
        return Outcome.done();
      case "retry":
        return Outcome.retry(`SMTP: ${result.error}`);
      case "refused":
        await recordDeclineMailFailed(db, invitationId, result.error);
        return Outcome.failed(`SMTP refused the e-mail for good: ${result.error}`);
    }
  });
}
