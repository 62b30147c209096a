import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A lock left by a crashed process, and several processes starting at the same moment: exactly one
// of them takes it over, every other one is refused (bot/db/data-dir-lock.ts).
describe("stale DATA_DIR lock, several starters at once", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "kundenbot-lock-race-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The pid of a process that has ended. */
  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ["-e", ""]);
    await once(child, "exit");
    return child.pid as number;
  }

  async function round(contenders: number): Promise<string[]> {
    await writeFile(
      path.join(dir, "pglite.lock"),
      JSON.stringify({ pid: await deadPid(), host: hostname(), started: "1" }),
    );
    const at = Date.now() + 2500; // after every contender has loaded
    const children = Array.from({ length: contenders }, () =>
      spawn(process.execPath, ["--import", "tsx", "test/support/lock-contender.ts", dir, String(at)], {
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );
    const outputs = children.map((c) => {
      let out = "";
      c.stdout.on("data", (d) => {
        out += String(d);
      });
      return once(c, "exit").then(() => out.trim());
    });
    return Promise.all(outputs);
  }

  it("lets exactly one take over; the others are refused", async () => {
    for (let i = 0; i < 2; i++) {
      const results = await round(5);
      expect(results.filter((r) => r === "held")).toHaveLength(1);
      expect(results.filter((r) => r === "refused")).toHaveLength(4);
      // The lock is released by its holder; no takeover marker or temporary file is left.
      expect(await readdir(dir)).toEqual([]);
    }
  }, 60_000);
});
