import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, spawnApp, startAppProcess } from "../support/process.ts";
import { SlackStandin } from "../support/slack-standin.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

const exitOf = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : once(child, "exit").then(([code]) => code as number | null);

/** Whether something answers on the port (the bot, or a node left behind holding it). */
async function answers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

/** A node this test started that outlived its parent (the bug under test): found by its DATA_DIR, killed. */
function killLeftovers(dir: string) {
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(`DATA_DIR=${dir}`))
        process.kill(Number(pid), "SIGKILL");
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
}

async function healthy(port: number, child: ChildProcess, output: () => string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (!(await answers(port))) {
    if (child.exitCode !== null) throw new Error(`exited before it was healthy:\n${output()}`);
    if (Date.now() > until) throw new Error(`not healthy in time:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Issue 20, point 10: start and stop like a service, as real processes. */
describe("start and stop like a service", () => {
  let standin: SlackStandin;
  let dataDir: string;
  beforeAll(async () => {
    standin = await new SlackStandin().start();
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-service-"));
  });
  afterAll(async () => {
    await standin?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  const env = (dir: string) => ({
    SLACK_BOT_TOKEN: "xoxb-service-test",
    SLACK_SIGNING_SECRET: "service-secret",
    SLACK_API_URL: standin.url,
    DATA_DIR: dir,
  });

  describe("a taken PORT", () => {
    let taken: Server;
    let port: number;
    beforeAll(async () => {
      taken = createServer();
      await new Promise<void>((r) => taken.listen(0, () => r()));
      port = (taken.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((r) => taken.close(() => r())));

    it.each([
      ["with Slack credentials", true],
      ["in the sandbox", false],
    ])("%s: one line naming PORT, before the database is opened", async (_what, slack) => {
      const dir = path.join(dataDir, `taken-${slack}`);
      const { child, output } = spawnApp({
        ...(slack ? env(dir) : { DATA_DIR: dir }),
        PORT: String(port),
      });
      expect(await exitOf(child)).toBe(1);
      const lines = output().trim().split("\n");
      expect(lines, output()).toHaveLength(1);
      expect(lines[0]).toContain(`PORT ${slack ? "" : "127.0.0.1:"}${port} is already in use`);
      expect(output()).not.toMatch(/\n\s+at /);
      // No database was opened: nothing under DATA_DIR (no PGlite files, no lock, no sandbox state).
      expect(existsSync(path.join(dir, "pglite"))).toBe(false);
      expect(existsSync(path.join(dir, "sandbox"))).toBe(false);
    });
  });

  it("ends within 2 s of SIGTERM while a sandbox page is open", async () => {
    const port = await freePort();
    const app = await startAppProcess({ DATA_DIR: path.join(dataDir, "sandbox-open") }, port, 60_000);
    // The page's event stream, as the browser holds it open.
    const page = new AbortController();
    const stream = await fetch(`${app.baseUrl}/sandbox/events`, { signal: page.signal });
    expect(stream.status).toBe(200);
    void stream.body
      ?.getReader()
      .read()
      .catch(() => {});
    try {
      const started = performance.now();
      const code = await app.stop("SIGTERM");
      const tookMs = performance.now() - started;
      expect(code).toBe(0);
      expect(tookMs, app.output()).toBeLessThan(2_000);
    } finally {
      page.abort();
      app.child.kill("SIGKILL");
    }
  }, 90_000);

  it("npm start: a SIGTERM to npm reaches the bot, which frees the port", async () => {
    const port = await freePort();
    const npm = spawn("npm", ["start", "--silent"], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        ...env(path.join(dataDir, "npm")),
        PORT: String(port),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    npm.stdout?.on("data", (d) => {
      out += String(d);
    });
    npm.stderr?.on("data", (d) => {
      out += String(d);
    });
    try {
      await healthy(port, npm, () => out);
      npm.kill("SIGTERM");
      await exitOf(npm);
      // The node under npm stops too (it logs "stopped"), and nothing holds the port any more.
      await expect.poll(() => answers(port), { timeout: 15_000, interval: 100 }).toBe(false);
      await expect.poll(() => out.includes('"msg":"stopped"'), { timeout: 15_000 }).toBe(true);
    } finally {
      npm.kill("SIGKILL");
      killLeftovers(path.join(dataDir, "npm"));
    }
  }, 90_000);

  it("under npm, whatever the script runs: the bot stops when the shell between npm and it dies", async () => {
    const port = await freePort();
    // A script without `exec`: the shell stays between npm and node, and dies of the signal alone.
    const shell = spawn("sh", ["-c", `"${process.execPath}" --import tsx main.ts; true`], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        ...env(path.join(dataDir, "shell")),
        PORT: String(port),
        npm_lifecycle_event: "start",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    shell.stdout?.on("data", (d) => {
      out += String(d);
    });
    shell.stderr?.on("data", (d) => {
      out += String(d);
    });
    try {
      await healthy(port, shell, () => out);
      shell.kill("SIGTERM");
      await exitOf(shell);
      await expect.poll(() => answers(port), { timeout: 15_000, interval: 100 }).toBe(false);
    } finally {
      shell.kill("SIGKILL");
      killLeftovers(path.join(dataDir, "shell"));
    }
  }, 90_000);
});
