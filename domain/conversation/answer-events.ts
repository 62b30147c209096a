import type { Db } from "../db.ts";
import type { RequestKind } from "../requests/request-kind.ts";

/** What happened when an answer was sent (Antworten → Senden), inside its transaction. */
export interface AnswerSent {
  kind: RequestKind;
  requestId: string;
  entryId: string;
  /** Slack user id of the member who answered. */
  by: string;
  at: Date;
  /** When the request arrived (the metrics time its first answer from it). */
  receivedAt: Date;
  /** The request's first answer (the pipeline moves Neu → In Kontakt on it; the metrics time it). */
  first: boolean;
}

/**
 * The one place for what follows an answer in the same transaction: the pipeline's phase change
 * on the first answer, the `request.answered` webhook. Each is a function of (tx, event), added to
 * the list the conversation service is built with (bot/app.ts); a failure rolls the answer back.
 */
export type AnswerSentHook = (tx: Db, event: AnswerSent) => Promise<void>;
