import type { Db } from "../db.ts";
import { inquiryContactSelect, invitationContactSelect } from "../requests/request-select.ts";
import type { RequestKind } from "./decision.ts";

export type { RequestKind } from "./decision.ts";

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
}

/** What a decision adds to a request: who decided when, for which customer, and where its message is. */
const decisionSelect = {
  decidedBy: true,
  decidedAt: true,
  newCustomer: true,
  slackChannel: true,
  slackTs: true,
  takenBy: true,
  takenAt: true,
  erasedAt: true,
  customerId: true,
} as const;

const customerSelect = {
  id: true,
  company: true,
  firstName: true,
  lastName: true,
  email: true,
  erasedAt: true,
} as const;

export async function findRequestForDecision(
  db: Db,
  kind: RequestKind,
  id: string,
): Promise<RequestForDecision | null> {
  // The customer is read only when there is one: an undecided request (every click that opens a
  // decision modal) costs one round trip, not two (Prisma reads a relation with a second query).
  const request =
    kind === "inquiry"
      ? await db.inquiry
          .findUnique({ where: { id }, select: { ...inquiryContactSelect, ...decisionSelect } })
          .then((r) => r && { ...r, kind, customerNumber: null, accessLevel: null })
      : await db.invitation
          .findUnique({ where: { id }, select: { ...invitationContactSelect, ...decisionSelect } })
          .then((r) => r && { ...r, kind, phone: null });
  if (!request) return null;
  const { customerId, ...rest } = request;
  const customer = customerId
    ? await db.customer.findUnique({ where: { id: customerId }, select: customerSelect })
    : null;
  return { ...rest, customer };
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
