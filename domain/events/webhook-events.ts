import { randomUUID } from "node:crypto";
import type { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { jobs, newJob } from "../outbox/jobs.ts";
import { enqueueJob, type NewJob } from "../outbox/outbox-repository.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import { customerEventData, requestEventData } from "./event-data-repository.ts";
import { type CustomerEventType, PERSONAL_EVENT_FIELDS, type RequestEventType } from "./event-types.ts";

/**
 * kundenbot's events for WEBHOOK_URL (contract "Integrations", ADR 016). A service enqueues an
 * event in the same transaction as the change it reports, through the outbox: nothing is sent for
 * a change that rolled back, nothing is lost after a commit. Without WEBHOOK_URL, `Events` is off
 * and enqueues nothing.
 *
 * For a feature that changes a request (an answer, a phase): in its transaction, after the change,
 *
 *     await enqueueRequestEvent(tx, deps.events, "request.answered", kind, requestId);
 *
 * with `events: Events` taken in the service's construction (bot/app.ts passes the app's).
 */

export const WEBHOOK_LANE = "webhook";

export interface RequestEventData {
  id: string;
  kind: RequestKind;
  /** inquiry: open, assigned; invitation: pending, connected, declined. */
  status: string;
  /** The pipeline phase: new, contacted, offer, won, lost (Neu, In Kontakt, Angebot, Gewonnen, Verloren). */
  phase: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  /** The customer the request was assigned to (not in the contract's list; null until then). */
  customerId: string | null;
}

export interface CustomerEventData {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  domains: string[];
}

export type WebhookEvent =
  | { type: RequestEventType; data: RequestEventData }
  | { type: CustomerEventType; data: CustomerEventData }
  /** Only the address; `after`: the records whose queued events go first (they were scrubbed). */
  | { type: "person.erased"; data: { email: string }; after: string[] };

/** The key of a record whose events keep their order (OutboxJob.orderKeys). */
export const recordKey = (kind: RequestKind | "customer", id: string) => `${kind}:${id}`;

function orderKeysOf(event: WebhookEvent): string[] {
  switch (event.type) {
    case "person.erased":
      return event.after;
    case "customer.created":
    case "customer.updated":
      return [recordKey("customer", event.data.id)];
    default:
      return [recordKey(event.data.kind, event.data.id)];
  }
}

/** How services send events: off (nothing enqueued) without WEBHOOK_URL. */
export interface Events {
  readonly enabled: boolean;
  /** The event's outbox job (for a statement that writes it itself), or undefined when off. */
  job(event: WebhookEvent): NewJob | undefined;
  /** Enqueues the event in the caller's transaction; nothing when off. */
  enqueue(db: Db, event: WebhookEvent): Promise<void>;
}

export function webhookEvents(opts: { enabled: boolean; now: () => Date }): Events {
  const job = (event: WebhookEvent): NewJob | undefined => {
    if (!opts.enabled) return undefined;
    return newJob(
      jobs.sendWebhook,
      {
        // Unique per event, the same on every attempt; no "." (the signed content is id.timestamp.body).
        webhookId: `msg_${randomUUID().replaceAll("-", "")}`,
        type: event.type,
        timestamp: opts.now().toISOString(),
        data: event.data as unknown as Record<string, unknown>,
      },
      { lane: WEBHOOK_LANE, orderKeys: orderKeysOf(event) },
    );
  };
  return {
    enabled: opts.enabled,
    job,
    async enqueue(db, event) {
      const j = job(event);
      if (j) await enqueueJob(db, j);
    },
  };
}

/**
 * A queued event's payload without the person's data (an erasure): name, e-mail, phone and company
 * become null; ids, kind, status, phase and domains (business records) stay.
 */
export function withoutPersonalData(payload: unknown): Prisma.InputJsonObject {
  const p = (payload ?? {}) as { data?: Record<string, unknown> };
  const data = { ...(p.data ?? {}) };
  for (const field of PERSONAL_EVENT_FIELDS) if (field in data) data[field] = null;
  return { ...(p as object), data } as Prisma.InputJsonObject;
}

/** No webhooks (WEBHOOK_URL unset; tests and tools that need none). */
export const noEvents: Events = webhookEvents({ enabled: false, now: () => new Date() });

/** A request's row as its events carry it. An erased request keeps "" where its data was: sent as null. */
export function requestEventDataOf(
  kind: RequestKind,
  row: {
    id: string;
    status: string;
    name: string;
    email: string;
    phone?: string | null;
    company: string | null;
    customerId?: string | null;
    phase?: string;
  },
): RequestEventData {
  return {
    id: row.id,
    kind,
    status: row.status,
    phase: row.phase ?? "new",
    name: row.name || null,
    email: row.email || null,
    phone: row.phone || null,
    company: row.company || null,
    customerId: row.customerId ?? null,
  };
}

/** Enqueues `type` about the request as it is now, in the caller's transaction (nothing when off). */
export async function enqueueRequestEvent(
  db: Db,
  events: Events,
  type: RequestEventType,
  kind: RequestKind,
  id: string,
): Promise<void> {
  if (!events.enabled) return;
  const data = await requestEventData(db, kind, id);
  if (data) await events.enqueue(db, { type, data });
}

/** Enqueues `type` about the customer as it is now, in the caller's transaction (nothing when off). */
export async function enqueueCustomerEvent(
  db: Db,
  events: Events,
  type: CustomerEventType,
  id: string,
): Promise<void> {
  if (!events.enabled) return;
  const data = await customerEventData(db, id);
  if (data) await events.enqueue(db, { type, data });
}
