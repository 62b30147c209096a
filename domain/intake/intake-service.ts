import { randomUUID } from "node:crypto";
import type { Db, PrismaClient } from "../db.ts";
import { type Events, requestEventDataOf } from "../events/webhook-events.ts";
import type { InquiryInput } from "../inquiries/inquiry.schema.ts";
import type { InvitationInput } from "../invitations/invitation.schema.ts";
import type { NewJob } from "../outbox/outbox-repository.ts";
import {
  findInquiryStatusByExternalId,
  findInvitationStatusByExternalId,
  insertInquiryWithJob,
  insertInvitationWithJob,
  type StoredInquiry,
  type StoredInvitation,
} from "./intake-repository.ts";

/**
 * Intake of inquiries and invitations, the same for the API and for manual entry: store the request
 * and schedule its channel post in one statement (the outbox), once per externalId.
 */

export interface IntakeMeta {
  source: "api" | "manual" | "email";
  /** Slack user who recorded it by hand. */
  createdBy?: string;
  /** Of a mailed inquiry: its subject and the names of its attachments (the files are not stored). */
  mail?: { subject: string | null; attachments: string[] };
}

export interface IntakeResult {
  id: string;
  status: string;
  /** False when a request with the same externalId already existed: nothing was stored or scheduled. */
  created: boolean;
}

/** How a stored request is announced: the outbox job(s) to enqueue with it (built outside the domain). */
export interface IntakeAnnouncer {
  inquiry(record: StoredInquiry): NewJob;
  invitation(record: StoredInvitation): NewJob;
}

export interface IntakeContext {
  db: PrismaClient;
  announce: IntakeAnnouncer;
  now: () => Date;
  /** Called after a commit that enqueued a job (wakes the outbox worker of this process). */
  afterEnqueue?: () => void;
  /** request.created for WEBHOOK_URL, written in the same statement. */
  events?: Events;
}

const blank = (v: string | null | undefined) => (v === undefined || v === null || v === "" ? null : v);

export async function receiveInquiry(
  ctx: IntakeContext,
  input: InquiryInput,
  meta: IntakeMeta,
): Promise<IntakeResult> {
  const externalId = blank(input.externalId);
  const record: StoredInquiry = {
    id: randomUUID(),
    name: input.name,
    email: input.email,
    phone: blank(input.phone),
    company: blank(input.company),
    message: blank(input.message),
    receivedAt: input.receivedAt ? new Date(input.receivedAt) : ctx.now(),
    status: "open",
    source: meta.source,
    subject: meta.mail?.subject ?? null,
    attachments: meta.mail?.attachments ?? [],
    createdBy: meta.createdBy ?? null,
  };
  const jobs = [ctx.announce.inquiry(record), ...createdEvent(ctx, "inquiry", record)];
  return receive(ctx, externalId, findInquiryStatusByExternalId, () =>
    insertInquiryWithJob(ctx.db, record, { externalId }, jobs),
  );
}

export async function receiveInvitation(
  ctx: IntakeContext,
  input: InvitationInput,
  _meta: IntakeMeta,
): Promise<IntakeResult> {
  const externalId = blank(input.externalId);
  const record: StoredInvitation = {
    id: randomUUID(),
    name: input.name,
    email: input.email,
    company: blank(input.company),
    customerNumber: blank(input.customerNumber),
    accessLevel: input.accessLevel,
    message: blank(input.message),
    receivedAt: input.receivedAt ? new Date(input.receivedAt) : ctx.now(),
    status: "pending",
  };
  const jobs = [ctx.announce.invitation(record), ...createdEvent(ctx, "invitation", record)];
  return receive(ctx, externalId, findInvitationStatusByExternalId, () =>
    insertInvitationWithJob(ctx.db, record, { externalId }, jobs),
  );
}

/** The request.created event of a new request, built from what is stored (no read back). */
function createdEvent(
  ctx: IntakeContext,
  kind: "inquiry" | "invitation",
  record: StoredInquiry | StoredInvitation,
): NewJob[] {
  const job = ctx.events?.job({ type: "request.created", data: requestEventDataOf(kind, record) });
  return job ? [job] : [];
}

/**
 * One statement stores the request and its job (`insert`, atomic by itself). When it inserted
 * nothing, a request with this externalId exists (or was being inserted at the same time: PostgreSQL
 * waits for that one to commit and skips ours), and a second statement reads it: the answer of a
 * repeat. If that row is gone again in between, the insert is tried once more.
 */
async function receive(
  ctx: IntakeContext,
  externalId: string | null,
  findExisting: (db: Db, externalId: string) => Promise<{ id: string; status: string } | null>,
  insert: () => Promise<{ id: string; status: string } | undefined>,
): Promise<IntakeResult> {
  for (let attempt = 1; ; attempt++) {
    const inserted = await insert();
    if (inserted) {
      ctx.afterEnqueue?.();
      return { id: inserted.id, status: inserted.status, created: true };
    }
    if (!externalId) throw new Error("intake: the insert of a request without externalId stored nothing");
    const existing = await findExisting(ctx.db, externalId);
    if (existing) return { id: existing.id, status: existing.status, created: false };
    if (attempt >= 3) throw new Error(`intake: externalId ${externalId} conflicts, but no request has it`);
  }
}

/** The intake bound to its context: what routes and listeners call (Deps.intake). */
export interface IntakeService {
  receiveInquiry(input: InquiryInput, meta: IntakeMeta): Promise<IntakeResult>;
  receiveInvitation(input: InvitationInput, meta: IntakeMeta): Promise<IntakeResult>;
}

export function createIntakeService(ctx: IntakeContext): IntakeService {
  return {
    receiveInquiry: (input, meta) => receiveInquiry(ctx, input, meta),
    receiveInvitation: (input, meta) => receiveInvitation(ctx, input, meta),
  };
}
