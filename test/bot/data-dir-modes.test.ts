import { chmod, lstat, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startAppProcess } from "../support/process.ts";
import { SlackStandin } from "../support/slack-standin.ts";

/** Every directory and file under `dir` with its mode, e.g. ["pglite/base 700", …]. */
async function modesUnder(dir: string): Promise<{ path: string; dir: boolean; mode: number }[]> {
  const out: { path: string; dir: boolean; mode: number }[] = [];
  const visit = async (p: string) => {
    const s = await lstat(p);
    if (s.isSymbolicLink()) return;
    out.push({ path: path.relative(dir, p) || ".", dir: s.isDirectory(), mode: s.mode & 0o777 });
    if (s.isDirectory()) for (const name of await readdir(p)) await visit(path.join(p, name));
  };
  await visit(dir);
  return out;
}

const wide = (entries: { path: string; dir: boolean; mode: number }[]) =>
  entries.filter((e) => e.mode !== (e.dir ? 0o700 : 0o600)).map((e) => `${e.path} ${e.mode.toString(8)}`);

// `npm start` as a process: PGlite writes its own files there, under the process's own umask.
describe("DATA_DIR is readable by the bot's user only", () => {
  let standin: SlackStandin;
  let parent: string;
  beforeAll(async () => {
    standin = await new SlackStandin().start();
    parent = await mkdtemp(path.join(tmpdir(), "kundenbot-modes-"));
  });
  afterAll(async () => {
    await standin?.stop();
    await rm(parent, { recursive: true, force: true });
  });

  const env = (dataDir: string) => ({
    SLACK_BOT_TOKEN: "xoxb-modes-test",
    SLACK_SIGNING_SECRET: "modes-secret",
    SLACK_API_URL: standin.url,
    DATA_DIR: dataDir,
  });

  it("fixes a folder that exists with 0755 and a 0644 file, says so, and PGlite's files are 0600 after the stop", async () => {
    const dataDir = path.join(parent, "wide");
    await mkdir(path.join(dataDir, "mail"), { recursive: true });
    await chmod(dataDir, 0o755);
    await chmod(path.join(dataDir, "mail"), 0o755);
    await writeFile(path.join(dataDir, "mail", "old.eml"), "From: x\n", { mode: 0o644 });
    await chmod(path.join(dataDir, "mail", "old.eml"), 0o644);

    const app = await startAppProcess(env(dataDir), await freePort(), 60_000);
    expect(await app.stop("SIGTERM")).toBe(0);

    const entries = await modesUnder(dataDir);
    expect(entries.some((e) => e.path.startsWith("pglite"))).toBe(true);
    expect(wide(entries)).toEqual([]);
    const warning = app
      .output()
      .split("\n")
      .find((l) => l.includes("DATA_DIR was readable by others"));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning as string)).toMatchObject({
      level: 40,
      path: dataDir,
      fixed: 3,
      first: expect.arrayContaining([{ path: dataDir, mode: "0755" }]),
    });
  }, 120_000);

  it("creates a missing DATA_DIR as 0700 with PGlite's files 0600, and logs no fix", async () => {
    const dataDir = path.join(parent, "fresh", "data");
    const app = await startAppProcess(env(dataDir), await freePort(), 60_000);
    expect(await app.stop("SIGTERM")).toBe(0);
    expect(wide(await modesUnder(dataDir))).toEqual([]);
    expect(app.output()).not.toContain("DATA_DIR was readable by others");
  }, 120_000);
});
