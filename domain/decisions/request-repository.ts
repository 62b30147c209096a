import { z } from "zod";
import { Prisma } from "../../prisma/generated/client.ts";
import type { CustomerSummary } from "../customers/customer-repository.ts";
import type { Db } from "../db.ts";
import type { Phase } from "../pipeline/phase.ts";
import type { RequestKind } from "../requests/request-kind.ts";

/** An inquiry or invitation as the decision needs it: contact data, state, decision, message location. */
export interface RequestForDecision {
  kind: RequestKind;
  id: string;
  name: string;
  email: string;
  phone: string | null;
  company: string | null;
  message: string | null;
  customerNumber: string | null;
  accessLevel: "full" | "partial" | null;
  receivedAt: Date;
  status: "open" | "assigned" | "pending" | "connected" | "declined";
  decidedBy: string | null;
  decidedAt: Date | null;
  customer: {
    id: string;
    company: string | null;
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    erasedAt: Date | null;
  } | null;
  /** Whether the decision created the customer (true) or chose an existing one (false). */
  newCustomer: boolean | null;
  slackChannel: string | null;
  slackTs: string | null;
  /** Who took it (Übernehmen) and when, while it is undecided. */
  takenBy: string | null;
  takenAt: Date | null;
  /** Set when the person's data was erased: the message shows that, without buttons. */
  erasedAt: Date | null;
  /** The conversation: the last answer (who, when) and the prospect's last reply. */
  answeredBy: string | null;
  answeredAt: Date | null;
  repliedAt: Date | null;
  /** The pipeline phase (independent of the decision). */
  phase: Phase;
  /** When its follow-up (Wiedervorlage) is due; null: none. */
  followUpDueAt: Date | null;
}

/** A request's id is a UUID; anything else names no request (and would make PostgreSQL's cast fail). */
const requestId = z.uuid();

/** One row of the statement below: the request's columns, and its customer's prefixed with `c_`. */
type DecisionRow = Omit<RequestForDecision, "customer" | "kind"> & {
  source?: string;
  subject?: string | null;
  attachments?: string[];
  c_id: string | null;
  c_company: string | null;
  c_firstName: string | null;
  c_lastName: string | null;
  c_email: string | null;
  c_erasedAt: Date | null;
};

/** The columns of the decision that both kinds share, and the customer of a decided request. */
const decisionColumns = Prisma.sql`
  r."receivedAt", r.status::text AS status, r."decidedBy", r."decidedAt", r."newCustomer",
  r."slackChannel", r."slackTs", r."takenBy", r."takenAt", r."erasedAt",
  r."answeredBy", r."answeredAt", r."repliedAt", r.phase::text AS phase,
  c.id::text AS "c_id", c.company AS "c_company", c."firstName" AS "c_firstName",
  c."lastName" AS "c_lastName", c.email AS "c_email", c."erasedAt" AS "c_erasedAt"`;

/** The newest customer with the request's e-mail address (the decision modal offers it). */
const matchColumns = Prisma.sql`,
  m.id::text AS "m_id", m.company AS "m_company", m."firstName" AS "m_firstName",
  m."lastName" AS "m_lastName", m.email AS "m_email"`;
const matchJoin = Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT id, company, "firstName", "lastName", email FROM "Customer"
    WHERE lower(email) = lower(trim(r.email))
    ORDER BY "createdAt" DESC, id
    LIMIT 1
  ) m ON true`;

type MatchRow = {
  m_id: string | null;
  m_company: string | null;
  m_firstName: string | null;
  m_lastName: string | null;
  m_email: string | null;
};

/**
 * The request and its customer in one statement, with `withMatch` also the newest customer with
 * its e-mail address. Every click that opens a decision modal reads it, and so do the decisions
 * themselves (inside their transactions): one raw statement costs the app's process a fraction of
 * Prisma's model queries (issue 15, ADR 011).
 */
async function selectRequest(
  db: Db,
  kind: RequestKind,
  id: string,
  withMatch: boolean,
): Promise<(DecisionRow & Partial<MatchRow>) | undefined> {
  if (!requestId.safeParse(id).success) return undefined;
  const extraColumns = withMatch ? matchColumns : Prisma.empty;
  const extraJoin = withMatch ? matchJoin : Prisma.empty;
  const rows =
    kind === "inquiry"
      ? await db.$queryRaw<DecisionRow[]>`
          SELECT r.id::text AS id, r.name, r.email, r.phone, r.company, r.message,
                 NULL::text AS "customerNumber", NULL::text AS "accessLevel",
                 r.source::text AS source, r.subject, r.attachments, ${decisionColumns} ${extraColumns},
                 (SELECT f."dueAt" FROM "FollowUp" f WHERE f."inquiryId" = r.id) AS "followUpDueAt"
          FROM "Inquiry" r LEFT JOIN "Customer" c ON c.id = r."customerId" ${extraJoin}
          WHERE r.id = ${id}::uuid`
      : await db.$queryRaw<DecisionRow[]>`
          SELECT r.id::text AS id, r.name, r.email, NULL::text AS phone, r.company, r.message,
                 r."customerNumber", r."accessLevel"::text AS "accessLevel", ${decisionColumns} ${extraColumns},
                 (SELECT f."dueAt" FROM "FollowUp" f WHERE f."invitationId" = r.id) AS "followUpDueAt"
          FROM "Invitation" r LEFT JOIN "Customer" c ON c.id = r."customerId" ${extraJoin}
          WHERE r.id = ${id}::uuid`;
  return rows[0];
}

function toRequest(kind: RequestKind, row: DecisionRow): RequestForDecision {
  const { c_id, c_company, c_firstName, c_lastName, c_email, c_erasedAt, ...request } = row;
  const customer =
    c_id === null
      ? null
      : {
          id: c_id,
          company: c_company,
          firstName: c_firstName,
          lastName: c_lastName,
          email: c_email,
          erasedAt: c_erasedAt,
        };
  return { ...request, kind, customer };
}

export async function findRequestForDecision(
  db: Db,
  kind: RequestKind,
  id: string,
): Promise<RequestForDecision | null> {
  const row = await selectRequest(db, kind, id, false);
  return row ? toRequest(kind, row) : null;
}

/** The request, and the newest customer with its e-mail address if there is one (the decision modal). */
export async function findRequestWithMatch(
  db: Db,
  kind: RequestKind,
  id: string,
): Promise<{ request: RequestForDecision; match: CustomerSummary | undefined } | null> {
  const row = await selectRequest(db, kind, id, true);
  if (!row) return null;
  const { m_id, m_company, m_firstName, m_lastName, m_email, ...rest } = row;
  const match =
    m_id == null
      ? undefined
      : {
          id: m_id,
          company: m_company ?? null,
          firstName: m_firstName ?? null,
          lastName: m_lastName ?? null,
          email: m_email ?? null,
        };
  return { request: toRequest(kind, rest), match };
}

/** Marks a request decided, but only while it is still undecided: the first decision wins. */
export async function claimDecision(
  db: Db,
  kind: RequestKind,
  id: string,
  data: {
    status: "assigned" | "connected" | "declined";
    customerId?: string;
    newCustomer?: boolean;
    decidedBy: string;
    decidedAt: Date;
    declineMessage?: string | null;
  },
): Promise<boolean> {
  const common = {
    decidedBy: data.decidedBy,
    decidedAt: data.decidedAt,
    customerId: data.customerId,
    newCustomer: data.newCustomer,
    // A decision ends the triage: nobody holds a decided request.
    takenBy: null,
    takenAt: null,
  };
  if (kind === "inquiry") {
    if (data.status !== "assigned") throw new Error(`an inquiry cannot become ${data.status}`);
    const { count } = await db.inquiry.updateMany({
      // An erased request has nothing left to decide on.
      where: { id, status: "open", erasedAt: null },
      data: { ...common, status: "assigned" },
    });
    return count === 1;
  }
  if (data.status === "assigned") throw new Error("an invitation cannot become assigned");
  const { count } = await db.invitation.updateMany({
    where: { id, status: "pending", erasedAt: null },
    data: {
      ...common,
      status: data.status,
      ...(data.status === "declined"
        ? { declineMessage: data.declineMessage ?? null, declineMailStatus: "queued" }
        : {}),
    },
  });
  return count === 1;
}
