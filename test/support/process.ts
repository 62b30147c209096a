import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The app on TypeScript, as tests and `npm run dev` run it. */
export const TSX_ENTRY = ["--import", "tsx", "main.ts"];

/** What `npm start` gives node (package.json's "start" is `[exec] node …`): the build (ADR 012). */
export function npmStartArgs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.split(/\s+/);
  if (words[0] === "exec") words.shift();
  const [command, ...args] = words;
  if (command !== "node")
    throw new Error(`package.json's start is not "[exec] node …": ${pkg.scripts.start}`);
  return args;
}

export interface AppProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  /** Sends a signal and waits for the exit; resolves with the exit code (null when killed). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs the app as a process with exactly the given environment: on TypeScript (`TSX_ENTRY`, the
 * default), or as `npm start` runs it (`npmStartArgs()`).
 */
export function spawnApp(
  env: Record<string, string>,
  nodeArgs: string[] = [],
  entry: string[] = TSX_ENTRY,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  return { child, output: () => out };
}

/** Starts the app process and waits until /healthz answers 200. */
export async function startAppProcess(
  env: Record<string, string>,
  port: number,
  timeoutMs = 30_000,
  /** Options for node itself (e.g. --cpu-prof, which NODE_OPTIONS does not take). */
  nodeArgs: string[] = [],
  entry: string[] = TSX_ENTRY,
): Promise<AppProcess> {
  const { child, output } = spawnApp({ ...env, PORT: String(port) }, nodeArgs, entry);
  const baseUrl = `http://127.0.0.1:${port}`;
  const until = Date.now() + timeoutMs;
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error(`app exited before it was healthy:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`app not healthy within ${timeoutMs} ms:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    baseUrl,
    output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exit = once(child, "exit");
      child.kill(signal);
      const [code] = (await exit) as [number | null];
      return code;
    },
  };
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
