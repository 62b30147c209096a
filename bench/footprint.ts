// Footprint bench: what a small server sees of kundenbot, measured from outside as for any process.
// Each process is started as `npm start` starts it (the command in package.json, without npm's own
// process), timed from spawn to the first 200 of /healthz, left idle, then its resident memory is
// read from /proc. The baseline is a bare Bolt app (bench/bare-bolt-app.mjs), measured the same way
// in the same run.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, npmStartArgs } from "../test/support/process.ts";
import { SlackStandin } from "../test/support/slack-standin.ts";
import type { BenchSection } from "./sections.ts";
import { scratchDatabase } from "./support.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
/** How long a process stays idle after it is healthy before its memory is read. */
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 10_000);
/** Starts per case; the figures are their medians. */
const RUNS = Number(process.env.BENCH_FOOTPRINT_RUNS ?? 3);

/** Resident set size of a process in MB, from /proc (Linux). */
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return kb / 1024;
}

/** CPU time (user + system) a process has used so far, in ms: less sensitive to a busy machine than the wall clock. */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Sample {
  startMs: number;
  /** CPU time used until healthy. */
  cpuMs: number;
  rssMb: number;
}

/** Spawns node with `args`, times it to /healthz 200, idles, reads its RSS, stops it. */
async function measure(args: string[], env: Record<string, string>): Promise<Sample> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`process exited before it was healthy:\n${out}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (performance.now() - started > 120_000) throw new Error(`not healthy within 120 s:\n${out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const startMs = performance.now() - started;
    const cpu = await cpuMs(child.pid as number);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { startMs, cpuMs: cpu, rssMb: await rssMb(child.pid as number) };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exit = once(child, "exit");
      child.kill("SIGTERM");
      await exit;
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

interface Case {
  label: string;
  samples: Sample[];
}

async function repeat(label: string, once: () => Promise<Sample>): Promise<Case> {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await once());
  const c = { label, samples };
  const list = (f: (s: Sample) => number, unit: string) => samples.map((s) => `${f(s).toFixed(0)}${unit}`);
  console.log(
    `  ${label.padEnd(40)} start ${(median(samples.map((s) => s.startMs)) / 1000).toFixed(2)} s` +
      ` (CPU ${(median(samples.map((s) => s.cpuMs)) / 1000).toFixed(2)} s)` +
      `  RSS ${median(samples.map((s) => s.rssMb)).toFixed(0)} MB` +
      `   (starts ${list((s) => s.startMs, " ms").join(", ")}; RSS ${list((s) => s.rssMb, " MB").join(", ")})`,
  );
  return c;
}

export const footprintBench: BenchSection = {
  name: "footprint",
  title: `idle RSS (${IDLE_MS / 1000} s after /healthz) and spawn → healthy vs a bare Bolt app, medians of ${RUNS}`,
  async run() {
    const standin = await new SlackStandin().start();
    const slack = {
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: "bench-secret",
      SLACK_API_URL: standin.url,
    };
    // e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (kundenbot only, not the baseline).
    const ours = [...(process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? []), ...npmStartArgs()];
    console.log(
      `  kundenbot runs as: node ${ours.join(" ")} (package.json "start"), node ${process.version}`,
    );
    const db = await scratchDatabase().catch((err) => {
      console.log(`  PostgreSQL not reachable (${String(err)}): its case is skipped`);
      return undefined;
    });
    const dirs: string[] = [];
    const newDir = async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "kundenbot-bench-footprint-"));
      dirs.push(dir);
      return dir;
    };
    try {
      const bare = await repeat("bare Bolt app", () => measure(["bench/bare-bolt-app.mjs"], slack));
      let pg: Case | undefined;
      if (db) {
        // The first start migrates the new database; the timed ones start on a migrated one.
        await measure(ours, { ...slack, DATABASE_URL: db.url });
        pg = await repeat("kundenbot, PostgreSQL", () => measure(ours, { ...slack, DATABASE_URL: db.url }));
      }
      await repeat("kundenbot, embedded, new data directory", async () =>
        measure(ours, { ...slack, DATA_DIR: await newDir() }),
      );
      const existing = await newDir();
      await measure(ours, { ...slack, DATA_DIR: existing });
      const restart = await repeat("kundenbot, embedded, restart", () =>
        measure(ours, { ...slack, DATA_DIR: existing }),
      );

      const m = (c: Case, f: (s: Sample) => number) => median(c.samples.map(f));
      const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
      const bareRss = m(bare, (s) => s.rssMb);
      if (pg) {
        const ratio = m(pg, (s) => s.rssMb) / bareRss;
        console.log(
          `  RSS PostgreSQL / bare:          ${ratio.toFixed(2)} (target ≤ 2: ${verdict(ratio <= 2)})`,
        );
      }
      const embedded = m(restart, (s) => s.rssMb);
      console.log(
        `  RSS embedded (restart):         ${embedded.toFixed(0)} MB = ${(embedded / bareRss).toFixed(2)} × bare (target ≤ 350 MB: ${verdict(embedded <= 350)})`,
      );
      const restartS = m(restart, (s) => s.startMs) / 1000;
      console.log(
        `  start embedded restart:         ${restartS.toFixed(2)} s = ${(restartS / (m(bare, (s) => s.startMs) / 1000)).toFixed(1)} × bare (target ≤ 2 s: ${verdict(restartS <= 2)})`,
      );
      if (pg) {
        const pgS = m(pg, (s) => s.startMs) / 1000;
        console.log(
          `  start PostgreSQL:               ${pgS.toFixed(2)} s = ${(pgS / (m(bare, (s) => s.startMs) / 1000)).toFixed(1)} × bare (target ≤ 1.5 s: ${verdict(pgS <= 1.5)})`,
        );
      }
    } finally {
      await db?.drop();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
      await standin.stop();
    }
  },
};
