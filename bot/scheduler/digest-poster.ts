import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { digestMessage } from "../../blocks/digest.ts";
import type { Db } from "../../domain/db.ts";
import { loadDigest } from "../../domain/digest/digest.ts";
import { createDigestMessage, deleteDigestMessage } from "../../domain/digest/digest-message-repository.ts";
import type { DigestOutcome } from "../../domain/digest/digest-outcome.ts";
import { enqueue, jobs } from "../../domain/outbox/jobs.ts";
import { slackLane } from "../../domain/outbox/outbox-repository.ts";
import type { Config } from "../config.ts";
import type { WorkspaceUrl } from "../slack/workspace-url.ts";

/**
 * Builds the digest and enqueues it as a `slack.post` outbox job; the outbox worker posts it with
 * retries and per-channel rate limiting. The scheduler and `/kunden digest` share it.
 */
export class DigestPoster {
  constructor(
    private readonly deps: {
      config: Config;
      db: Db;
      now: () => Date;
      log: Logger;
      workspaceUrl: WorkspaceUrl;
      /** Nudges the outbox worker, so that the digest goes out at once. */
      wakeOutbox: () => void;
    },
  ) {}

  /** The digest of one scheduled slot: its outbox key is `digest:<slot>`, so a slot is enqueued once. */
  forSlot(slot: Date): Promise<DigestOutcome> {
    return this.enqueue(`digest:${slotTime(slot).toISOString()}`);
  }

  /** A digest asked for now (`/kunden digest`): keyed by user and second, so a double submit posts once. */
  onDemand(userId: string): Promise<DigestOutcome> {
    return this.enqueue(`digest-on-demand:${userId}:${slotTime(this.deps.now()).toISOString()}`);
  }

  private async enqueue(dedupeKey: string): Promise<DigestOutcome> {
    const { config, db, now, log } = this.deps;
    const channel = config.slack.channelId;
    if (!channel) return { status: "no-channel" };
    const digest = await loadDigest(db, {
      now: now(),
      timeZone: config.digest.timezone,
      overdueDays: config.digest.overdueDays,
      invitationsEnabled: config.invitationsEnabled,
    });
    const subject = config.invitationsEnabled ? "invitations" : "inquiries";
    if (!digest) return { status: "nothing-waiting", subject };
    const workspaceUrl = await this.deps.workspaceUrl.get();
    const { text, blocks } = digestMessage(digest, { workspaceUrl });
    // Recorded before it is queued, so that an erasure of a person it names reaches the posted digest.
    const id = randomUUID();
    await createDigestMessage(db, { id, digest, ...(workspaceUrl ? { workspaceUrl } : {}) });
    const enqueued = await enqueue(
      db,
      jobs.slackPost,
      { channel, text, blocks, link: { type: "digest", id } },
      { lane: slackLane(channel), dedupeKey },
    );
    if (enqueued) this.deps.wakeOutbox();
    else await deleteDigestMessage(db, id);
    const waiting = digest.entries.length + digest.more;
    log.info(
      { dedupeKey, subject, waiting, enqueued },
      enqueued ? "digest enqueued" : "digest already enqueued",
    );
    return enqueued ? { status: "enqueued", subject, waiting } : { status: "duplicate" };
  }
}

/** Slot times are whole seconds: node-cron's precision, and what every instance agrees on. */
export const slotTime = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);
