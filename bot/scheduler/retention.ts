import { hostname } from "node:os";
import type { Logger } from "pino";
import { eraseDueInvitations, type PrivacyDeps } from "../../domain/privacy/privacy-service.ts";
import { pruneSlots } from "../../domain/schedule/schedule-slot-repository.ts";
import type { BackgroundWorker } from "../background-worker.ts";
import { DbRunCoordinator } from "./db-run-coordinator.ts";

/** The slot task name: one key per UTC day, `retention:<the day's 00:00 UTC as ISO 8601>` (as the digest's slot keys). */
export const RETENTION_TASK = "retention";

/** How often an instance asks whether today's run is still to be done (start, then hourly). */
const CHECK_EVERY_MS = 3600_000;
/** Claims of past days are kept a week, as the digest's are. */
const KEEP_CLAIMS_MS = 7 * 24 * 3600_000;

export interface RetentionDeps {
  privacy: PrivacyDeps;
  retentionDays: number;
  log: Logger;
}

/**
 * The retention job (DSGVO Art. 5(1)(e)): once per day, across all instances, declined invitations
 * lose their personal data RETENTION_DAYS after the decline. The digest's slot coordinator decides
 * which instance runs the day (ADR 005): the first insert of the day's key wins, for good.
 */
export function createRetentionJob(deps: RetentionDeps): BackgroundWorker {
  const log = deps.log.child({ module: "retention" });
  const instanceId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const coordinator = new DbRunCoordinator(deps.privacy.db, instanceId, log);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopping = false;

  const runToday = async () => {
    const day = `${deps.privacy.now().toISOString().slice(0, 10)}T00:00:00.000Z`;
    if (stopping || !(await coordinator.shouldRun(`${RETENTION_TASK}:${day}`))) return;
    const { erased } = await eraseDueInvitations(deps.privacy, deps.retentionDays);
    log.info({ day, erased, retentionDays: deps.retentionDays }, "retention run");
    await pruneSlots(
      deps.privacy.db,
      RETENTION_TASK,
      new Date(deps.privacy.now().getTime() - KEEP_CLAIMS_MS),
    );
  };
  const check = () => {
    if (running || stopping) return;
    running = runToday()
      .catch((err) => log.error({ err }, "retention run failed; the next check tries again"))
      .finally(() => {
        running = undefined;
      });
  };

  return {
    name: "retention",
    start() {
      check();
      timer = setInterval(check, CHECK_EVERY_MS);
      timer.unref();
    },
    async stop() {
      stopping = true;
      clearInterval(timer);
      await running;
    },
  };
}
