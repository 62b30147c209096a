import { createHmac } from "node:crypto";
import type { Logger } from "pino";
import { handle, jobs } from "../../domain/outbox/jobs.ts";
import { type JobHandlers, Outcome } from "../../domain/outbox/outbox-worker.ts";
import type { Config } from "../config.ts";

/**
 * `webhook.send`: POSTs one event to WEBHOOK_URL, signed per the Standard Webhooks specification
 * (ADR 016). 2xx is done; anything else, or no answer within 10 s, is retried with growing pauses
 * (5 s, 15 s, 45 s, … at most 10 minutes) for 3 days, then recorded as failed. The webhook-id is
 * the job's own, the same on every attempt; the timestamp and signature are made per attempt.
 */

export const WEBHOOK_TIMEOUT_MS = 10_000;
const FIRST_PAUSE_MS = 5_000;
export const MAX_PAUSE_MS = 10 * 60_000;
/** Past this age an event that still fails is given up (recorded as failed, shown in /metrics). */
export const GIVE_UP_AFTER_MS = 3 * 24 * 3600_000;

/** `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, keyed with the decoded `whsec_` secret. */
export function signWebhook(key: Buffer, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The pause after the n-th failed attempt: ×3 from 5 s, ±20 % jitter, never over 10 minutes. */
export function webhookPauseMs(attempts: number): number {
  const raw = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 3 ** Math.max(0, attempts - 1));
  return Math.min(MAX_PAUSE_MS, Math.round(raw * (0.8 + Math.random() * 0.4)));
}

/** Retry-After (seconds or an HTTP date) in ms, if the receiver sent one. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export type WebhookAttemptResult = "2xx" | "3xx" | "4xx" | "5xx" | "timeout" | "network";

export function webhookJobHandlers({
  config,
  log,
  onAttempt,
  now = () => new Date(),
}: {
  config: Config;
  log: Logger;
  /** Told each attempt's result (metrics). */
  onAttempt?: (result: WebhookAttemptResult) => void;
  now?: () => Date;
}): JobHandlers {
  return handle(jobs.sendWebhook, async ({ webhookId, type, timestamp, data }, claimed) => {
    const target = config.webhook;
    if (!target) {
      // WEBHOOK_URL was removed while events waited: without a receiver there are no webhooks.
      log.info({ webhook: webhookId, type }, "webhook dropped: WEBHOOK_URL is not set");
      return Outcome.done();
    }
    const body = JSON.stringify({ type, timestamp, data });
    const sentAt = Math.floor(now().getTime() / 1000);
    const failure = (result: WebhookAttemptResult, error: string, afterMs?: number) => {
      onAttempt?.(result);
      const age = now().getTime() - Date.parse(timestamp);
      // No personal data: the event's id, type and what went wrong.
      const fields = { webhook: webhookId, type, attempt: claimed.attempts, result };
      if (age > GIVE_UP_AFTER_MS) {
        log.error(fields, `webhook given up after ${Math.round(age / 3600_000)} hours: ${error}`);
        return Outcome.failed(`webhook: ${error}; given up after ${Math.round(age / 3600_000)} hours`);
      }
      const pause = Math.min(MAX_PAUSE_MS, Math.max(afterMs ?? 0, webhookPauseMs(claimed.attempts)));
      log.warn({ ...fields, retryInMs: pause }, `webhook not delivered: ${error}`);
      return Outcome.retry(`webhook: ${error}`, pause);
    };
    let res: Response;
    try {
      res = await fetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "kundenbot-webhooks",
          "webhook-id": webhookId,
          "webhook-timestamp": String(sentAt),
          "webhook-signature": signWebhook(target.secret, webhookId, sentAt, body),
        },
        body,
        // A redirect is a failure (Standard Webhooks): the URL is to be fixed, not followed.
        redirect: "manual",
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      if (e.name === "TimeoutError")
        return failure("timeout", `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`);
      return failure("network", e.cause?.code ?? e.message);
    }
    // The answer's body is not read: only its status counts.
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) {
      onAttempt?.("2xx");
      log.debug({ webhook: webhookId, type, status: res.status }, "webhook delivered");
      return Outcome.done();
    }
    const result: WebhookAttemptResult = res.status < 400 ? "3xx" : res.status < 500 ? "4xx" : "5xx";
    return failure(
      result,
      `the receiver answered HTTP ${res.status}`,
      retryAfterMs(res.headers.get("retry-after"), now().getTime()),
    );
  });
}
