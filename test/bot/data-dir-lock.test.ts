import { once } from "node:events";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, freePort, spawnApp, startAppProcess, TSX_ENTRY } from "../support/process.ts";
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
  /** Where a refused process writes the modules it loaded (test/support/loaded-modules.mjs). */
  const modulesFile = () => path.join(dataDir, `loaded-${Date.now()}.txt`);
  const watchedEntry = [
    ...TSX_ENTRY.slice(0, -1),
    "--import",
    "./test/support/loaded-modules.mjs",
    "main.ts",
  ];
  /** It stopped before it loaded the app: the lock was looked at, Bolt, Prisma and PGlite never loaded. */
  async function expectRefusedBeforeTheApp(file: string) {
    const loaded = (await readFile(file, "utf8")).split("\n");
    // The list is real: it holds the entry point and the lock's module.
    expect(loaded.some((u) => u.endsWith("/main.ts"))).toBe(true);
    expect(loaded.some((u) => u.endsWith("/bot/db/data-dir-lock.ts"))).toBe(true);
    for (const heavy of [
      "/bot/start.ts",
      "/bot/app.ts",
      "/sandbox/start.ts",
      "/prisma/generated/",
      "/@slack/bolt/",
      "/@prisma/client/",
      "/@electric-sql/pglite/",
      "/pino/",
    ])
      expect(loaded.filter((u) => u.includes(heavy))).toEqual([]);
  }

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

    // It stops by itself, before it loads the app (main.ts looks at the lock first): about 0.3 s
    // unloaded, where loading the app's modules first took 1.5-2.4 s of CPU. The deadline is still
    // generous for a loaded 2-core machine: what fails here is a process that waits for the lock or
    // starts. What it loaded is in `loaded`; that it never opened the database is in its log too.
    const loaded = modulesFile();
    const second = spawnApp(
      { ...env(), PORT: String(await freePort()), LOADED_MODULES_FILE: loaded },
      [],
      watchedEntry,
    );
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
    await expectRefusedBeforeTheApp(loaded);

    // The first is untouched: it answers and stores.
    expect(await (await fetch(`${first.baseUrl}/healthz`)).json()).toEqual({ status: "ok" });
    expect((await intake(first, "lock-2")).status).toBe(201);
  }, 120_000);

  it("refuses a second sandbox on DATA_DIR/sandbox before it loads the sandbox", async () => {
    // The sandbox's database is held by a live process (this one stands in for it).
    const own = path.join(dataDir, "own");
    await mkdir(path.join(own, "sandbox"), { recursive: true });
    await writeFile(
      path.join(own, "sandbox", "pglite.lock"),
      JSON.stringify({ pid: process.pid, host: hostname() }),
    );
    const loaded = modulesFile();
    const sandbox = spawnApp(
      { DATA_DIR: own, PORT: String(await freePort()), LOADED_MODULES_FILE: loaded },
      [],
      watchedEntry,
    );
    const [code] = (await Promise.race([
      once(sandbox.child, "exit"),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`still running:\n${sandbox.output()}`)), 45_000),
      ),
    ])) as [number | null];
    expect(code).toBe(1);
    expect(sandbox.output()).toContain(`DATA_DIR ${path.join(own, "sandbox")} is in use`);
    expect(sandbox.output()).not.toMatch(/\n\s+at /);
    await expectRefusedBeforeTheApp(loaded);
  }, 60_000);

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
