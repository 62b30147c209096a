import type { PrismaClient } from "../db.ts";
import { enqueue, jobs, type MessageTarget } from "../outbox/jobs.ts";
import { slackLane } from "../outbox/outbox-repository.ts";
import { loadReport } from "./report.ts";

export type ReportOutcome =
  | { status: "enqueued" }
  /** The report of this slot (or this second, on demand) was enqueued before. */
  | { status: "duplicate" }
  /** SLACK_CHANNEL_ID is not set: there is nowhere to post the scheduled report. */
  | { status: "no-channel" };

export interface ReportServiceDeps {
  db: PrismaClient;
  now: () => Date;
  timeZone: string;
  invitationsEnabled: boolean;
  /** The team channel's outbox lane; undefined without SLACK_CHANNEL_ID. */
  teamLane: string | undefined;
  /** Wakes the outbox worker after a commit. */
  notify: () => void;
}

/**
 * Builds the weekly report and enqueues its text and its chart as two outbox jobs in one
 * transaction, both carrying the same numbers. The scheduler (REPORT_CRON) and `/kunden bericht` share it.
 */
export function createReportService(deps: ReportServiceDeps) {
  const enqueueReport = async (
    target: MessageTarget,
    lane: string,
    key: string,
    asOf: Date,
  ): Promise<ReportOutcome> => {
    const report = await loadReport(deps.db, {
      now: asOf,
      timeZone: deps.timeZone,
      invitationsEnabled: deps.invitationsEnabled,
    });
    const enqueued = await deps.db.$transaction(async (tx) => {
      const text = await enqueue(tx, jobs.postReport, { target, report }, { lane, dedupeKey: key });
      if (!text) return false;
      await enqueue(tx, jobs.uploadReportChart, { target, report }, { lane, dedupeKey: `${key}:chart` });
      return true;
    });
    if (enqueued) deps.notify();
    return enqueued ? { status: "enqueued" } : { status: "duplicate" };
  };
  return {
    /** The report of one REPORT_CRON slot, for the team channel: enqueued once per slot. */
    forSlot(slot: Date): Promise<ReportOutcome> {
      if (!deps.teamLane) return Promise.resolve({ status: "no-channel" });
      return enqueueReport({ to: "channel" }, deps.teamLane, `report:${slot.toISOString()}`, slot);
    },
    /** The report as of now, to one member's DM with the bot (`/kunden bericht`). */
    toMember(user: string): Promise<ReportOutcome> {
      const now = new Date(Math.floor(deps.now().getTime() / 1000) * 1000);
      return enqueueReport(
        { to: "member", user },
        slackLane(`dm:${user}`),
        `report-on-demand:${user}:${now.toISOString()}`,
        now,
      );
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
