/** The event types kundenbot sends to WEBHOOK_URL (contract: "Integrations"). */
export const WEBHOOK_EVENT_TYPES = [
  "request.created",
  "request.taken",
  "request.answered",
  "request.phase_changed",
  "request.decided",
  "customer.created",
  "customer.updated",
  "person.erased",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export type RequestEventType = Extract<WebhookEventType, `request.${string}`>;
export type CustomerEventType = Extract<WebhookEventType, `customer.${string}`>;

/** The personal fields of an event's data: removed from queued events by an erasure. */
export const PERSONAL_EVENT_FIELDS = ["name", "email", "phone", "company"] as const;
