import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, freePort, spawnApp, startAppProcess } from "../support/process.ts";
import { SlackStandin } from "../support/slack-standin.ts";

// One embedded database, one process: a second `npm start` on the same DATA_DIR (no DATABASE_URL)
// is refused before it opens the database and the first keeps running; a lock left by a killed process is taken over.
describe("npm start twice on one DATA_DIR", () => {
  let standin: SlackStandin;
  let dataDir: string;
  const running: AppProcess[] = [];

  beforeAll(async () => {
    standin = await new SlackStandin().start();
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-lock-"));
  });
  afterAll(async () => {
    for (const app of running) await app.stop("SIGKILL");
    await standin?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const env = () => ({
    SLACK_BOT_TOKEN: "xoxb-lock-test",
    SLACK_SIGNING_SECRET: "lock-secret",
    SLACK_API_URL: standin.url,
    INGEST_TOKEN: "lock-token-0123456789",
    DATA_DIR: dataDir,
  });
  const intake = (app: AppProcess, externalId: string) =>
    fetch(`${app.baseUrl}/api/v1/inquiries`, {
      method: "POST",
      headers: { authorization: "Bearer lock-token-0123456789", "content-type": "application/json" },
      body: JSON.stringify({ externalId, name: "Lena Lock", email: "lena@example.com" }),
    });

  it("refuses the second process with a message naming DATA_DIR and DATABASE_URL; the first runs on", async () => {
    const first = await startAppProcess(env(), await freePort(), 60_000);
    running.push(first);
    expect((await intake(first, "lock-1")).status).toBe(201);

    // It stops by itself. Unloaded that takes about a second, nearly all of it loading the app's
    // modules (1.5-2.4 s of CPU); on a 2-core machine loaded by the suite the wall clock measured
    // 6-11 s, so the deadline is generous: what fails here is a process that waits for the lock or
    // starts. That it stopped before it opened the database is in its log (no "database ready").
    const second = spawnApp({ ...env(), PORT: String(await freePort()) });
    const [code] = (await Promise.race([
      once(second.child, "exit"),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`still running:\n${second.output()}`)), 45_000),
      ),
    ])) as [number | null];
    expect(second.output()).not.toContain("database ready");
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(second.output()).toContain(`DATA_DIR ${dataDir}`);
    expect(second.output()).toContain("DATABASE_URL");
    expect(second.output()).not.toMatch(/\n\s+at /); // one message, no stack trace

    // The first is untouched: it answers and stores.
    expect(await (await fetch(`${first.baseUrl}/healthz`)).json()).toEqual({ status: "ok" });
    expect((await intake(first, "lock-2")).status).toBe(201);
  }, 120_000);

  it("a lock left by a process killed with SIGKILL does not block the next start", async () => {
    const first = running.pop() as AppProcess;
    expect(await first.stop("SIGKILL")).toBeNull();
    const next = await startAppProcess(env(), await freePort(), 60_000);
    running.push(next);
    expect(await (await fetch(`${next.baseUrl}/healthz`)).json()).toEqual({ status: "ok" });
    // A clean stop leaves no lock behind: the start after it is not refused either.
    expect(await next.stop("SIGTERM")).toBe(0);
    running.pop();
    const again = await startAppProcess(env(), await freePort(), 60_000);
    running.push(again);
    expect((await intake(again, "lock-1")).status).toBe(200);
  }, 180_000);
});
