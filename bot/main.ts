import "dotenv/config";
import { ConfigError, loadConfig } from "./config.ts";
import { DataDirInUseError } from "./db/data-dir-lock.ts";
import { PortUnavailableError } from "./http/port.ts";
import { startApp } from "./start.ts";

// Entry point of `npm start`: read the configuration once, start, and stop cleanly on a signal.
let config: ReturnType<typeof loadConfig>;
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
  // The composition root picks the sandbox; handlers, blocks and domain never know which it is.
  // The sandbox (and its stand-in of Slack) is loaded only when it runs.
  const app = config.sandbox
    ? await (await import("../sandbox/start.ts")).startSandbox(config)
    : await startApp(config);
  if ("url" in app) {
    process.stdout.write(
      [
        "",
        `  kundenbot sandbox: open ${app.url} in your browser.`,
        "  This is a sandbox: no Slack workspace, a built-in stand-in of Slack, data under DATA_DIR/sandbox.",
        "  To connect a real workspace, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN),",
        "  e.g. in .env; see README.md and manifest.yml.",
        "",
        "",
      ].join("\n"),
    );
  }
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    app.stop().then(
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
