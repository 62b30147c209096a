import { readFileSync } from "node:fs";
import { link, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";

/**
 * One embedded database belongs to one process: PGlite keeps its data in memory and writes it back
 * to its files, so two processes on the same files lose each other's writes. The first process
 * takes a lock file next to the database (`pglite.lock`: pid, host and the process's start time);
 * another one is refused with `DataDirInUseError`. A lock whose process is gone (killed with
 * SIGKILL, a crash, a reboot) is taken over: a pid counts as alive only while the same process
 * (same start time, where the system tells it) still runs.
 *
 * Two processes starting at the same moment after a crash must not both take over the stale lock:
 * the lock is created whole by `link` of a temporary file (never seen half written), and a takeover
 * happens only under a takeover marker (`pglite.lock.takeover`, created exclusively) and only if the
 * lock file still holds exactly what was judged stale. A process that judged the old lock stale but
 * comes second finds the winner's lock there instead and is refused.
 */

export class DataDirInUseError extends Error {
  constructor(dataDir: string, holder: LockHolder) {
    super(
      `DATA_DIR ${dataDir} is in use by another kundenbot process (pid ${holder.pid}${holder.host === hostname() ? "" : ` on ${holder.host}`}): ` +
        "one embedded database belongs to one process. Stop that process first, or, to run several instances, " +
        "set DATABASE_URL to a PostgreSQL server (every instance the same).",
    );
    this.name = "DataDirInUseError";
  }
}

interface LockHolder {
  pid: number;
  host: string;
  /** The process's start time as the system reports it (Linux: /proc/<pid>/stat), when known. */
  started?: string;
}

/** When a process started, in clock ticks since boot (Linux); undefined where /proc is missing. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: count fields after its end.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19]; // field 22 of the whole line: starttime
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  // Another host's process cannot be checked: the lock stands (a shared DATA_DIR is the operator's to sort out).
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch {
    // ESRCH: gone. EPERM: a process of another user has that pid now, no kundenbot on our files.
    return false;
  }
  // The pid runs; it is the lock's process only if it started when that one did (pids are reused).
  if (holder.started === undefined) return true;
  const now = startTimeOf(holder.pid);
  return now === undefined || now === holder.started;
}

function parseHolder(text: string | undefined): LockHolder | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid !== "number" || typeof parsed.host !== "string") return undefined;
    return { pid: parsed.pid, host: parsed.host, ...(parsed.started ? { started: parsed.started } : {}) };
  } catch {
    return undefined; // unreadable (not written by this version): stale
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** A takeover takes milliseconds: a marker older than this was left by a process that died in it. */
const ABANDONED_TAKEOVER_MS = 10_000;

/** Creates `file` with `content` in one step: it appears whole or not at all (EEXIST when it exists). */
async function createWhole(file: string, content: string): Promise<boolean> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, content, { mode: 0o600 });
  try {
    await link(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw err;
    // A file system without hard links: create exclusively and write (a short half-written window).
    try {
      await writeFile(file, content, { flag: "wx", mode: 0o600 });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw e;
    }
  } finally {
    await rm(tmp, { force: true });
  }
}

/**
 * Removes the lock file if it still holds exactly `staleText`, under the takeover marker, so that of
 * two processes that judged the same lock stale only one removes it (the other one finds the
 * winner's lock, or no lock, and goes round again).
 */
async function removeIfUnchanged(file: string, staleText: string | undefined): Promise<void> {
  const marker = `${file}.takeover`;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(marker, "wx", 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const age = await stat(marker).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > ABANDONED_TAKEOVER_MS) await rm(marker, { force: true });
    return; // another process is taking over right now: look again
  }
  try {
    await handle.close();
    if ((await readText(file)) === staleText) await rm(file, { force: true });
  } finally {
    await rm(marker, { force: true });
  }
}

/**
 * A quick look at the lock before anything else is loaded (main.ts): throws DataDirInUseError when a
 * live process holds the embedded database under `dataDir`, so a second `npm start` is refused in a
 * fraction of a second instead of after loading the whole app. It takes nothing: two processes that
 * start at the same moment both pass it, and lockDataDir (when the database opens) decides between
 * them atomically.
 */
export function refuseHeldDataDir(dataDir: string): void {
  let text: string;
  try {
    text = readFileSync(path.join(path.resolve(dataDir), "pglite.lock"), "utf8");
  } catch {
    return; // no lock (or none readable): lockDataDir has the last word
  }
  const holder = parseHolder(text);
  if (holder && isAlive(holder)) throw new DataDirInUseError(dataDir, holder);
}

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Takes the lock of the embedded database under `dataDir` (the directory that holds `pglite/`),
 * or throws DataDirInUseError naming `dataDirForMessage` when a live process holds it.
 */
export async function lockDataDir(dir: string, dataDirForMessage: string): Promise<DataDirLock> {
  const file = path.join(dir, "pglite.lock");
  const me: LockHolder = { pid: process.pid, host: hostname() };
  const started = startTimeOf(process.pid);
  if (started) me.started = started;
  const content = JSON.stringify(me);
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await createWhole(file, content)) {
      return {
        async release() {
          // Only our own lock: a process that took over a lock it thought stale keeps its own.
          if ((await readText(file)) === content) await rm(file, { force: true });
        },
      };
    }
    const text = await readText(file);
    if (text === undefined) continue; // released or taken over meanwhile: try again
    const holder = parseHolder(text);
    if (holder && isAlive(holder)) throw new DataDirInUseError(dataDirForMessage, holder);
    // Stale: its process is gone. Remove it (unless another starter got there first) and try again.
    await removeIfUnchanged(file, text);
    if (attempt > 2) await new Promise((r) => setTimeout(r, 5 * attempt));
  }
  const holder = parseHolder(await readText(file));
  throw new DataDirInUseError(dataDirForMessage, holder ?? { pid: 0, host: hostname() });
}
