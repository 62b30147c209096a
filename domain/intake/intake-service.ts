import type { Db, PrismaClient } from "../db.ts";
import type { InquiryInput } from "../inquiries/inquiry.schema.ts";
import type { InvitationInput } from "../invitations/invitation.schema.ts";
import { enqueueJob, type NewJob } from "../outbox/outbox-repository.ts";
import {
  findInquiryStatusByExternalId,
  findInvitationStatusByExternalId,
  insertInquiry,
  insertInvitation,
  type StoredInquiry,
  type StoredInvitation,
} from "./intake-repository.ts";

/**
 * Intake of inquiries and invitations, the same for the API and for manual entry: store the request
 * and schedule its channel post in one transaction (the outbox), once per externalId.
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
  prisma: PrismaClient;
  announce: IntakeAnnouncer;
  now: () => Date;
  /** Called after a commit that enqueued a job (wakes the outbox worker of this process). */
  afterEnqueue?: () => void;
}

const blank = (v: string | null | undefined) => (v === undefined || v === null || v === "" ? null : v);

export async function receiveInquiry(
  ctx: IntakeContext,
  input: InquiryInput,
  meta: IntakeMeta,
): Promise<IntakeResult> {
  const externalId = blank(input.externalId);
  return receive(ctx, externalId, findInquiryStatusByExternalId, async (tx) => {
    const record = await insertInquiry(tx, {
      externalId,
      source: meta.source,
      name: input.name,
      email: input.email,
      phone: blank(input.phone),
      company: blank(input.company),
      message: blank(input.message),
      subject: meta.mail?.subject ?? null,
      attachments: meta.mail?.attachments ?? [],
      receivedAt: input.receivedAt ? new Date(input.receivedAt) : ctx.now(),
      createdBy: meta.createdBy ?? null,
    });
    await enqueueJob(tx, ctx.announce.inquiry(record));
    return record;
  });
}

export async function receiveInvitation(
  ctx: IntakeContext,
  input: InvitationInput,
  _meta: IntakeMeta,
): Promise<IntakeResult> {
  const externalId = blank(input.externalId);
  return receive(ctx, externalId, findInvitationStatusByExternalId, async (tx) => {
    const record = await insertInvitation(tx, {
      externalId,
      name: input.name,
      email: input.email,
      company: blank(input.company),
      customerNumber: blank(input.customerNumber),
      accessLevel: input.accessLevel,
      message: blank(input.message),
      receivedAt: input.receivedAt ? new Date(input.receivedAt) : ctx.now(),
    });
    await enqueueJob(tx, ctx.announce.invitation(record));
    return record;
  });
}

async function receive(
  ctx: IntakeContext,
  externalId: string | null,
  findExisting: (db: Db, externalId: string) => Promise<{ id: string; status: string } | null>,
  store: (tx: Db) => Promise<{ id: string; status: string }>,
): Promise<IntakeResult> {
  if (externalId) {
    const existing = await findExisting(ctx.prisma, externalId);
    if (existing) return { id: existing.id, status: existing.status, created: false };
  }
  try {
    const record = await ctx.prisma.$transaction((tx) => store(tx));
    ctx.afterEnqueue?.();
    return { id: record.id, status: record.status, created: true };
  } catch (err) {
    // Two requests with the same externalId at once: the unique index lets one win; the other
    // answers with the winner's record, as a repeat would.
    if (externalId && isUniqueViolation(err)) {
      const existing = await findExisting(ctx.prisma, externalId);
      if (existing) return { id: existing.id, status: existing.status, created: false };
    }
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e?.code === "P2002" || (typeof e?.message === "string" && /unique constraint/i.test(e.message));
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
