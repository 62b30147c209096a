import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { PrismaClient } from "../domain/db.ts";
import { type AppOverrides, buildApp } from "./app.ts";
import type { AppDeps } from "./app-deps.ts";
import type { Config } from "./config.ts";
import { securePrivateDir } from "./files/private-dir.ts";
import { assertPortFree, portError } from "./http/port.ts";
import { createHttpServer } from "./http/server.ts";
import type { TeamMembership } from "./slack/team-membership.ts";

export interface RunningApp {
  port: number;
  deps: AppDeps;
  /** The app's database client, for its owner (tests, benchmarks); listeners never get it. */
  prisma: PrismaClient;
  stop(): Promise<void>;
}

/** A public or shared team channel lets people outside the team read what the bot posts. */
async function warnWhenChannelIsExposed(
  membership: TeamMembership,
  channel: string | undefined,
  log: Logger,
): Promise<void> {
  try {
    const exposure = await membership.readExposure();
    if (!exposure) return;
    if (!exposure.isPrivate) {
      log.warn(
        { channel },
        "SLACK_CHANNEL_ID is a public channel: anyone in the workspace can read its requests and click their buttons without joining, and can join it; make it private",
      );
    }
    if (exposure.isShared) {
      log.warn(
        { channel },
        "SLACK_CHANNEL_ID is shared with another organisation (Slack Connect): its people see the requests; they are refused by the bot, but use a channel of your own team only",
      );
    }
  } catch (err) {
    log.warn({ err, channel }, "could not read the team channel's settings (conversations.info)");
  }
}

/** An ADMIN_USERS entry that is not on the team (a typo, someone who left) can never use what it reserves. */
async function warnAboutAdmins(membership: TeamMembership, admins: string[] | undefined, log: Logger) {
  for (const user of admins ?? []) {
    const answer = await membership.check(user).catch(() => "unknown" as const);
    if (answer === "not-member") {
      log.warn(
        { user },
        "ADMIN_USERS names someone who is not a member of the team channel: they cannot use the commands ADMIN_USERS reserves; check the ID (a member's profile, 'Copy member ID')",
      );
    } else if (answer === "unknown") {
      log.warn(
        { user },
        "could not check whether an ADMIN_USERS entry is a team member (Slack did not answer)",
      );
    }
  }
}

/** Runs a built kundenbot: listen, connect, start the workers; `stop()` shuts it down in order. */
export async function startApp(config: Config, overrides: AppOverrides = {}): Promise<RunningApp> {
  await assertPortFree(config.port, config.host);
  const { log, db, slack, membership, deps, routes, workers } = await buildApp(config, overrides);
  const server = createHttpServer(routes, log, overrides.guard);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err) => {
      // Taken since the check: nothing but the database is open yet, and it must not stay open.
      void db.close().finally(() => reject(portError(err, config.port, config.host)));
    });
    if (config.host) server.listen(config.port, config.host, () => resolve());
    else server.listen(config.port, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  await slack.start();
  for (const w of workers) w.start();
  if (config.ingestToken && config.ingestToken.length < 16) {
    log.warn(
      "INGEST_TOKEN is shorter than 16 characters: anyone who guesses it can post requests; use e.g. openssl rand -hex 32",
    );
  }
  if (!config.slack.channelId) {
    log.warn(
      "SLACK_CHANNEL_ID is not set: requests are stored and wait for a channel; nobody can use the bot until it is set",
    );
  }
  log.info(
    { port, mode: slack.mode, database: db.kind, partnerProgram: config.partnerProgram },
    "kundenbot is running",
  );
  // Not awaited: the ack paths are up, and a slow or failing Slack must not hold up the start.
  void warnWhenChannelIsExposed(membership, config.slack.channelId, log);
  void warnAboutAdmins(membership, config.adminUsers, log);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      log.info("shutting down");
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all(workers.map((w) => w.stop()));
      await slack.stop();
      // Requests in flight finish; connections that stay idle are not waited for.
      await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000).unref())]);
      server.closeAllConnections();
      await db.close();
      await securePrivateDir(config.dataDir, log.child({ module: "files" }), { expected: true });
      log.info("stopped");
      log.flush?.();
    })();
    return stopping;
  };
  return { port, deps, prisma: db.prisma, stop };
}
