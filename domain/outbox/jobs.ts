import { z } from "zod";
import type { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { WEBHOOK_EVENT_TYPES } from "../events/event-types.ts";
import { reportSchema } from "../report/report.schema.ts";
import { isEmailAddress } from "../text/email-address.ts";
import { type ClaimedJob, enqueueJob, type NewJob } from "./outbox-repository.ts";
import { type JobHandler, type JobHandlers, type JobOutcome, Outcome } from "./outbox-worker.ts";

/**
 * Every outbox job kind with the schema of its payload: producers enqueue through `newJob` /
 * `enqueue` (typed), the worker's handlers parse through `handle`, and the composition root checks
 * with `allJobHandlers` that each kind has exactly one handler.
 */

const requestKind = z.enum(["inquiry", "invitation"]);
/** Block Kit blocks travel as JSON objects; their shape is Slack's to check, at delivery. */
/** Where a message goes: the team channel (SLACK_CHANNEL_ID at delivery), or a member's DM with the bot. */
const target = z.discriminatedUnion("to", [
  z.object({ to: z.literal("channel") }),
  z.object({ to: z.literal("member"), user: z.string().regex(/^[UW][A-Z0-9]+$/) }),
]);
const blocks = z.array(z.custom<object>((b) => typeof b === "object" && b !== null)).max(50);

export const jobs = {
  /** A message for a channel (chat.postMessage): a request's post, or the digest. */
  slackPost: {
    kind: "slack.post",
    payload: z.object({
      /** Absent: the team channel (SLACK_CHANNEL_ID) at delivery time. */
      channel: z.string().min(1).optional(),
      text: z.string().min(1),
      blocks: blocks.optional(),
      thread_ts: z.string().optional(),
      /** Store the posted message's channel and ts on this request, or on this digest (DigestMessage). */
      link: z.object({ type: z.enum(["inquiry", "invitation", "digest"]), id: z.string().min(1) }).optional(),
    }),
  },
  /** Re-renders a request's channel message from the database (after a decision, or to repair it). */
  refreshMessage: {
    kind: "request.refresh_message",
    payload: z.object({ kind: requestKind, id: z.uuid() }),
  },
  /** Tells the team, in the invitation message's thread, that its decline e-mail was refused. */
  mailFailedNotice: {
    kind: "request.mail_failed_notice",
    payload: z.object({ id: z.uuid() }),
  },
  /** Posts a note (Notiz) in its request's thread, rendered from the database at delivery. */
  postNote: {
    kind: "request.post_note",
    payload: z.object({ noteId: z.uuid() }),
  },
  /** Zuweisen: the direct message to the member, with the permalink of the request's message. */
  assignedNotice: {
    kind: "request.assigned_notice",
    payload: z.object({
      kind: requestKind,
      id: z.uuid(),
      user: z.string().regex(/^[UW][A-Z0-9]+$/),
      by: z.string().min(1),
    }),
  },
  /** Posts a due follow-up (Wiedervorlage) in its request's thread, rendered from the database at delivery. */
  postFollowUp: {
    kind: "request.post_follow_up",
    payload: z.object({ id: z.uuid() }),
  },
  /** Posts the reminder of a request that waits undecided (unless decided meanwhile). */
  remind: {
    kind: "request.remind",
    payload: z.object({ kind: requestKind, id: z.uuid() }),
  },
  /**
   * Overwrites one of the bot's replies in a request's thread with "Personenbezogene Daten gelöscht"
   * after the request's person was erased (domain/requests/thread-message-repository.ts).
   */
  eraseThreadMessage: {
    kind: "request.erase_thread_message",
    payload: z.object({ channel: z.string().min(1), ts: z.string().min(1) }),
  },
  /**
   * Re-renders a posted digest from its record (the names read again) after a request it names was
   * erased (domain/digest/digest-message-repository.ts).
   */
  refreshDigest: {
    kind: "digest.refresh",
    payload: z.object({ id: z.uuid() }),
  },
  /** An e-mail to a prospect: the decline of an invitation, or an answer (Antworten). */
  sendMail: {
    kind: "mail.send",
    payload: z.object({
      /** Any address the edges accept, also with an umlaut domain (domain/text/email-address.ts). */
      to: z.object({ name: z.string(), address: z.string().refine(isEmailAddress, "not an e-mail address") }),
      subject: z.string().min(1),
      text: z.string(),
      html: z.string(),
      /** The invitation whose decline this mail reports; its mail status is kept up to date. */
      invitationId: z.uuid().optional(),
      /** The conversation entry this mail is (its Message-ID was made and stored before it was queued). */
      entryId: z.uuid().optional(),
      messageId: z.string().optional(),
      inReplyTo: z.string().optional(),
      references: z.array(z.string()).max(50).optional(),
    }),
  },
  /**
   * One event for WEBHOOK_URL (Standard Webhooks), in the lane `webhook` (ADR 016). The id is made
   * at enqueue and sent on every attempt; `data` as the contract says (domain/events/webhook-events.ts).
   */
  sendWebhook: {
    kind: "webhook.send",
    payload: z.object({
      webhookId: z.string().regex(/^msg_[A-Za-z0-9]+$/),
      type: z.enum(WEBHOOK_EVENT_TYPES),
      timestamp: z.iso.datetime({ offset: true }),
      data: z.record(z.string(), z.unknown()),
    }),
  },
  /** Posts a conversation entry (an answer, a reply, or that an answer was refused) in its request's thread. */
  postConversation: {
    kind: "conversation.post",
    payload: z.object({ entryId: z.uuid(), what: z.enum(["entry", "mail_failed"]).default("entry") }),
  },
  /** The weekly report's text (Block Kit), rendered at delivery from the numbers in the payload. */
  postReport: {
    kind: "report.post",
    payload: z.object({ target, report: reportSchema }),
  },
  /** The weekly report's chart: rendered as PNG from the same numbers and uploaded (files.*UploadExternal). */
  uploadReportChart: {
    kind: "report.upload_chart",
    payload: z.object({ target, report: reportSchema }),
  },
} as const;

export type MessageTarget = z.output<typeof target>;

type JobKinds = typeof jobs;
export type JobKind = JobKinds[keyof JobKinds];
export type PayloadOf<J extends JobKind> = z.output<J["payload"]>;

interface Placement {
  /** Jobs of one lane are rate limited together, e.g. `slack:<channel>` or `mail`. */
  lane: string;
  dedupeKey?: string;
  /** The records whose order the job keeps (outbox-repository.ts, NewJob.orderKeys). */
  orderKeys?: string[];
}

/** A job of a kind, ready to be enqueued in the caller's transaction. */
export function newJob<J extends JobKind>(job: J, payload: PayloadOf<J>, placement: Placement): NewJob {
  return {
    kind: job.kind,
    lane: placement.lane,
    // The payload is plain data by its schema; Prisma's JSON type cannot see that through interfaces.
    payload: payload as unknown as Prisma.InputJsonValue,
    ...(placement.dedupeKey ? { dedupeKey: placement.dedupeKey } : {}),
    ...(placement.orderKeys?.length ? { orderKeys: placement.orderKeys } : {}),
  };
}

/** Enqueues a job; false when a job with the same dedupeKey exists already. */
export function enqueue<J extends JobKind>(
  db: Db,
  job: J,
  payload: PayloadOf<J>,
  placement: Placement,
): Promise<boolean> {
  return enqueueJob(db, newJob(job, payload, placement));
}

/** The handler of a kind: a payload that does not fit its schema fails for good (no retry fixes it). */
export function handle<J extends JobKind>(
  job: J,
  run: (payload: PayloadOf<J>, claimed: ClaimedJob) => Promise<JobOutcome>,
): JobHandlers {
  const handler: JobHandler = async (claimed) => {
    const parsed = job.payload.safeParse(claimed.payload);
    if (!parsed.success) return Outcome.failed(`invalid ${job.kind} payload: ${parsed.error.message}`);
    return run(parsed.data as PayloadOf<J>, claimed);
  };
  return { [job.kind]: handler };
}

/** The handlers of every kind, from one list: a kind without a handler, or with two, is a wiring error. */
export function allJobHandlers(list: JobHandlers[]): JobHandlers {
  const all: JobHandlers = {};
  for (const handlers of list) {
    for (const [kind, handler] of Object.entries(handlers)) {
      if (all[kind]) throw new Error(`two handlers for the outbox job kind ${kind}`);
      all[kind] = handler;
    }
  }
  const missing = Object.values(jobs)
    .map((j) => j.kind)
    .filter((kind) => !all[kind]);
  if (missing.length) throw new Error(`no handler for the outbox job kinds ${missing.join(", ")}`);
  return all;
}
