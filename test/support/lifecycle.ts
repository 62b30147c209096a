import { afterAll, beforeAll } from "vitest";
import { startTestApp, type TestApp } from "./app.ts";
import { createTestDatabase, type DbKind, type TestDatabase } from "./db.ts";
import { SlackStandin } from "./slack-standin.ts";

/**
 * The set-up most test files share, once: in `beforeAll` a fresh database, the Slack stand-in and
 * the app (unless `start: false`, for tests that start their own), stopped and closed in `afterAll`.
 * Call it in a `describe`; the accessors work inside hooks and tests.
 */
export function useTestApp(
  opts: {
    kind?: DbKind;
    /** Members of the team channel (default: the stand-in's U0MEMBER01). */
    members?: string[];
    env?: Record<string, string>;
    now?: () => Date;
    start?: boolean;
  } = {},
) {
  let db: TestDatabase | undefined;
  let standin: SlackStandin | undefined;
  let app: TestApp | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(opts.kind);
    standin = await new SlackStandin(opts.members ? { members: opts.members } : {}).start();
    if (opts.start !== false) app = await startTestApp(db, standin, opts.env, opts.now);
  });
  afterAll(async () => {
    await app?.stop();
    await standin?.stop();
    await db?.close();
  });
  return {
    get db() {
      return started(db, "database");
    },
    get standin() {
      return started(standin, "Slack stand-in");
    },
    get app() {
      return started(app, opts.start === false ? "app (start: false)" : "app");
    },
    /** Stops the app and starts it again on the same database and stand-in (a restart). */
    async restartApp() {
      await app?.stop();
      app = undefined;
      app = await startTestApp(
        started(db, "database"),
        started(standin, "Slack stand-in"),
        opts.env,
        opts.now,
      );
    },
  };
}

/** Only a fresh database for the `describe` (domain tests), closed in `afterAll`. */
export function useTestDatabase(kind?: DbKind) {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  return {
    get db() {
      return started(db, "database");
    },
  };
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the test ${what} is not running (use it in a hook or test)`);
  return value;
}
