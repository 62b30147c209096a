import type { Db } from "../db.ts";
import { inquiryContactSelect, invitationContactSelect } from "../requests/request-select.ts";

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

export function insertInquiry(db: Db, data: NewInquiry) {
  return db.inquiry.create({ data, select: storedInquirySelect });
}

export function insertInvitation(db: Db, data: NewInvitation) {
  return db.invitation.create({ data, select: invitationContactSelect });
}

export type StoredInquiry = Awaited<ReturnType<typeof insertInquiry>>;
export type StoredInvitation = Awaited<ReturnType<typeof insertInvitation>>;

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
