import { type Config, ConfigError, loadConfig } from "./config.ts";
import { DataDirInUseError } from "./db/data-dir-lock.ts";
import { PortUnavailableError } from "./http/port.ts";

/** What a service process runs: the bot, or the sandbox around it. */
export interface Service {
  stop(): Promise<void>;
}

/**
 * The process around a service (main.ts, `npm start`): reads the configuration once, starts what
 * `start` picks for it, and stops cleanly on a signal. A failed start is one line on stderr and exit 1.
 */
export async function runProcess(start: (config: Config) => Promise<Service>): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }

  // Everything this process creates (PGlite's files, e-mails) is for this user only; the bot shares
  // no files with other users, so a process-wide umask is the simplest way to also cover PGlite.
  process.umask(0o077);

  try {
    const service = await start(config);
    let stopping = false;
    const shutdown = () => {
      if (stopping) return;
      stopping = true;
      service.stop().then(
        () => process.exit(0),
        (err) => {
          process.stderr.write(`shutdown failed: ${String(err)}\n`);
          process.exit(1);
        },
      );
    };
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, shutdown);
    // Under `npm start`, npm passes a signal on to its child, the shell that runs the script; a shell
    // that is not replaced by node (`exec`) dies of it and leaves node running, holding the port.
    // The scripts use `exec`; whatever runs the script, node stops when its parent is gone.
    if (process.env.npm_lifecycle_event) {
      const parent = process.ppid;
      const parentAlive = () => {
        try {
          process.kill(parent, 0);
          return true;
        } catch (err) {
          return (err as NodeJS.ErrnoException).code === "EPERM";
        }
      };
      setInterval(() => {
        if (!parentAlive()) shutdown();
      }, 250).unref();
    }
  } catch (err) {
    // A known cause is one line that says what to do; anything else keeps its stack for the bug report.
    const text =
      err instanceof DataDirInUseError || err instanceof PortUnavailableError
        ? err.message
        : err instanceof Error
          ? (err.stack ?? err.message)
          : String(err);
    process.stderr.write(`kundenbot could not start: ${text}\n`);
    process.exit(1);
  }
}
