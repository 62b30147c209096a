import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, dropDatabase, withDatabase } from "../support/global-setup.ts";
import { freePort, npmStartArgs, spawnApp, startAppProcess } from "../support/process.ts";
import { SlackStandin } from "../support/slack-standin.ts";

// `npm start` as a new user runs it (the build, ADR 012): only the Slack credentials, no
// DATABASE_URL, embedded PGlite.
describe("npm start", () => {
  let standin: SlackStandin;
  let dataDir: string;

  beforeAll(async () => {
    standin = await new SlackStandin().start();
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-start-"));
  });
  afterAll(async () => {
    await standin?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const env = () => ({
    SLACK_BOT_TOKEN: "xoxb-start-test",
    SLACK_SIGNING_SECRET: "start-secret",
    SLACK_API_URL: standin.url,
    DATA_DIR: dataDir,
  });

  // The contract's 20 s for a first start holds on an idle machine (see README); under the parallel
  // load of the test suite a generous limit keeps this test about behaviour, not timing.
  it("starts on a new embedded database, stops on SIGTERM, and reuses the data on restart", async () => {
    const port = await freePort();
    const first = await startAppProcess(env(), port, 60_000, [], npmStartArgs());
    expect(first.output()).toContain('"reusedData":false');
    // Restored from the install-time template (bot/db/pglite-template.ts): nothing left to migrate.
    expect(first.output()).toContain('"applied":[]');
    expect(await first.stop("SIGTERM")).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');

    const second = await startAppProcess(env(), port, 60_000, [], npmStartArgs());
    try {
      expect(second.output()).toContain('"reusedData":true');
      expect(second.output()).toContain('"applied":[]');
      const res = await fetch(`${second.baseUrl}/healthz`);
      expect(await res.json()).toEqual({ status: "ok" });
    } finally {
      await second.stop();
    }
  }, 150_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "migrates an empty PostgreSQL database given as DATABASE_URL",
    async () => {
      const admin = process.env.TEST_DATABASE_URL as string;
      const name = `kundenbot_empty_${process.pid}_${Date.now()}`;
      await adminQuery(admin, `CREATE DATABASE "${name}"`);
      try {
        const app = await startAppProcess(
          { ...env(), DATABASE_URL: withDatabase(admin, name) },
          await freePort(),
          60_000,
        );
        try {
          expect(app.output()).toMatch(/"kind":"postgresql","applied":\["\d+_init"/);
          expect(await (await fetch(`${app.baseUrl}/healthz`)).json()).toEqual({ status: "ok" });
        } finally {
          expect(await app.stop("SIGTERM")).toBe(0);
        }
      } finally {
        await dropDatabase(admin, name);
      }
    },
    90_000,
  );

  it("refuses to start without SLACK_SIGNING_SECRET and says what to set", async () => {
    const { SLACK_SIGNING_SECRET: _, ...rest } = env();
    const { child, output } = spawnApp({ ...rest, PORT: String(await freePort()) });
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(output()).toContain("SLACK_SIGNING_SECRET is required in HTTP mode");
    expect(output()).toContain("manifest.yml");
  });

  it("starts the sandbox with nothing configured, and prints its URL and how to connect Slack", async () => {
    const port = await freePort();
    const app = await startAppProcess(
      { DATA_DIR: path.join(dataDir, "fresh") },
      port,
      60_000,
      [],
      npmStartArgs(),
    );
    try {
      expect(app.output()).toContain(`http://127.0.0.1:${port}/`);
      expect(app.output()).toContain("sandbox");
      expect(app.output()).toContain("SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET");
      const page = await fetch(`${app.baseUrl}/`);
      expect(await page.text()).toContain("Angemeldet als");
    } finally {
      expect(await app.stop()).toBe(0);
    }
  }, 90_000);

  it("refuses to start without any Slack credentials in production, naming each", async () => {
    const { child, output } = spawnApp({
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      NODE_ENV: "production",
    });
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(output()).toContain("SLACK_BOT_TOKEN is required");
    expect(output()).toContain("SLACK_SIGNING_SECRET is required");
  });
});
