import type { RunCoordinator } from "node-cron";
import type { Logger } from "pino";
import type { Db } from "../../domain/db.ts";
import { claimSlot } from "../../domain/schedule/schedule-slot-repository.ts";

/**
 * node-cron's `distributed` hook, backed by the ScheduleSlot table: the instance whose insert of
 * the slot key wins runs the slot, every other instance skips it. The claim is kept for good, so
 * node-cron's lease (`ttlMs`) is ignored on purpose: an expiring lease would let an instance that
 * restarts within the slot, or one whose clock lags, run the same slot a second time.
 */
export class DbRunCoordinator implements RunCoordinator {
  constructor(
    private readonly db: Db,
    private readonly instanceId: string,
    private readonly log: Logger,
  ) {}

  async shouldRun(key: string): Promise<boolean> {
    const won = await claimSlot(this.db, key, this.instanceId);
    this.log.debug({ key, won }, won ? "claimed the slot" : "slot already claimed by another instance");
    return won;
  }
}
