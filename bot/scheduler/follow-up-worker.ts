import type { Logger } from "pino";
import type { PrismaClient } from "../../domain/db.ts";
import { claimDueFollowUps } from "../../domain/follow-ups/follow-up-service.ts";
import type { BackgroundWorker } from "../background-worker.ts";
import { createClaimPoller } from "./claim-poller.ts";

/** How often an instance looks for due follow-ups: "within a minute of that time" (contract). */
const POLL_MS = 15_000;

/**
 * Finds follow-ups (Wiedervorlage) whose time has come and claims their thread posts (the claim
 * lives in the database, so several instances and restarts post each follow-up once; one due while
 * the bot was down is claimed at the first pass after the start, and posted marked late). The
 * posts go through the outbox.
 */
export function createFollowUpWorker(deps: {
  db: PrismaClient;
  now: () => Date;
  log: Logger;
  wakeOutbox: () => void;
  /** Tests poll faster. */
  pollMs?: number;
}): BackgroundWorker {
  return createClaimPoller({
    name: "follow-ups",
    what: "follow-ups",
    pollMs: deps.pollMs ?? POLL_MS,
    log: deps.log,
    claim: () => claimDueFollowUps({ db: deps.db, now: deps.now }),
    wakeOutbox: deps.wakeOutbox,
  });
}
