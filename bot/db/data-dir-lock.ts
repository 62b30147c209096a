import { readFileSync } from "node:fs";
import { open, readFile, rm } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";

/**
 * One embedded database belongs to one process: PGlite keeps its data in memory and writes it back
 * to its files, so two processes on the same files lose each other's writes. The first process
 * takes a lock file next to the database (`pglite.lock`: pid, host and the process's start time);
 * another one is refused with `DataDirInUseError`. A lock whose process is gone (killed with
 * SIGKILL, a crash, a reboot) is taken over: a pid counts as alive only while the same process
 * (same start time, where the system tells it) still runs.
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

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid !== "number" || typeof parsed.host !== "string") return undefined;
    return { pid: parsed.pid, host: parsed.host, ...(parsed.started ? { started: parsed.started } : {}) };
  } catch {
    return undefined; // unreadable or half written by a process that died while writing: stale
  }
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
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, "wx", 0o600);
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
      return {
        async release() {
          // Only our own lock: a process that took over a lock it thought stale keeps its own.
          const holder = await readHolder(file);
          if (holder?.pid === me.pid && holder.host === me.host) await rm(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = await readHolder(file);
    if (holder && isAlive(holder)) throw new DataDirInUseError(dataDirForMessage, holder);
    // Stale: its process is gone. Remove it and try again (another starter may win the race: then it holds).
    await rm(file, { force: true });
  }
  const holder = await readHolder(file);
  throw new DataDirInUseError(dataDirForMessage, holder ?? { pid: 0, host: hostname() });
}
