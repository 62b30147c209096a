import { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { enqueueJobFromSql, type NewJob } from "../outbox/outbox-repository.ts";
import { inquiryContactSelect, type invitationContactSelect } from "../requests/request-select.ts";

/** Reads and writes of incoming requests (inquiries and invitations) for the intake. */

const storedInquirySelect = { ...inquiryContactSelect, createdBy: true } as const;

export interface NewInquiry {
  externalId: string | null;
  source: "api" | "manual" | "email";
  name: string;
  email: string;
  phone: string | null;
  company: string | null;
  message: string | null;
  subject: string | null;
  attachments: string[];
  receivedAt: Date;
  createdBy: string | null;
}

export interface NewInvitation {
  externalId: string | null;
  name: string;
  email: string;
  company: string | null;
  customerNumber: string | null;
  accessLevel: "full" | "partial";
  message: string | null;
  receivedAt: Date;
}

/** A request as the intake stored it: what the announcer renders (built in the app, not read back). */
export type StoredInquiry = Prisma.InquiryGetPayload<{ select: typeof storedInquirySelect }>;
export type StoredInvitation = Prisma.InvitationGetPayload<{ select: typeof invitationContactSelect }>;

/** The CTEs that enqueue each job once per inserted row (none when the externalId existed). */
function jobsFromInsert(jobs: NewJob[]): Prisma.Sql {
  return Prisma.join(
    jobs.map((job, i) => Prisma.sql`, ${Prisma.raw(`job${i}`)} AS (${enqueueJobFromSql(job, "ins")})`),
    "",
  );
}

/** What the one statement answers: the new row's id and status, or nothing when the externalId existed. */
export interface Inserted {
  id: string;
  status: string;
}

/**
 * Stores an inquiry and enqueues its jobs (its post, its webhook event) in one statement (atomic without a transaction). `record`
 * carries the id made by the app; an existing externalId inserts neither row and answers undefined
 * (a concurrent insert of the same externalId is waited for, so there is no unique violation).
 */
export async function insertInquiryWithJob(
  db: Db,
  record: StoredInquiry,
  data: Pick<NewInquiry, "externalId">,
  jobs: NewJob[],
): Promise<Inserted | undefined> {
  const rows = await db.$queryRaw<Inserted[]>`
    WITH ins AS (
      INSERT INTO "Inquiry" (id, "externalId", source, name, email, phone, company, message, subject,
                             attachments, "receivedAt", status, "createdBy", "createdAt", "updatedAt")
      VALUES (${record.id}::uuid, ${data.externalId}::text, ${record.source}::"RequestSource",
              ${record.name}::text, ${record.email}::text, ${record.phone}::text, ${record.company}::text,
              ${record.message}::text, ${record.subject}::text, ${record.attachments}::text[],
              ${record.receivedAt}::timestamptz, ${record.status}::"InquiryStatus", ${record.createdBy}::text,
              now(), now())
      ON CONFLICT ("externalId") DO NOTHING
      RETURNING id, status
    )${jobsFromInsert(jobs)}
    SELECT id::text AS id, status::text AS status FROM ins`;
  return rows[0];
}

/** The same for an invitation. */
export async function insertInvitationWithJob(
  db: Db,
  record: StoredInvitation,
  data: Pick<NewInvitation, "externalId">,
  jobs: NewJob[],
): Promise<Inserted | undefined> {
  const rows = await db.$queryRaw<Inserted[]>`
    WITH ins AS (
      INSERT INTO "Invitation" (id, "externalId", name, email, company, "customerNumber", "accessLevel",
                                message, "receivedAt", status, "createdAt", "updatedAt")
      VALUES (${record.id}::uuid, ${data.externalId}::text, ${record.name}::text, ${record.email}::text,
              ${record.company}::text, ${record.customerNumber}::text, ${record.accessLevel}::"AccessLevel",
              ${record.message}::text, ${record.receivedAt}::timestamptz, ${record.status}::"InvitationStatus",
              now(), now())
      ON CONFLICT ("externalId") DO NOTHING
      RETURNING id, status
    )${jobsFromInsert(jobs)}
    SELECT id::text AS id, status::text AS status FROM ins`;
  return rows[0];
}

export function findInquiryStatusByExternalId(db: Db, externalId: string) {
  return db.inquiry.findUnique({ where: { externalId }, select: { id: true, status: true } });
}

export function findInvitationStatusByExternalId(db: Db, externalId: string) {
  return db.invitation.findUnique({ where: { externalId }, select: { id: true, status: true } });
}

export type RequestType = "inquiry" | "invitation";

/** Remembers where a request's channel message is, so that it can be updated after a decision. */
export async function recordSlackMessage(
  db: Db,
  type: RequestType,
  id: string,
  channel: string,
  ts: string,
): Promise<void> {
  const data = { slackChannel: channel, slackTs: ts };
  if (type === "inquiry") await db.inquiry.updateMany({ where: { id }, data });
  else await db.invitation.updateMany({ where: { id }, data });
}

/** Name and whole message of a request (the "Ganze Nachricht" modal). */
export async function findRequestMessage(
  db: Db,
  type: RequestType,
  id: string,
): Promise<{ name: string; message: string | null } | null> {
  const select = { name: true, message: true } as const;
  return type === "inquiry"
    ? db.inquiry.findUnique({ where: { id }, select })
    : db.invitation.findUnique({ where: { id }, select });
}
