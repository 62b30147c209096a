import "dotenv/config";
import { refuseHeldDataDir } from "./bot/db/data-dir-lock.ts";
import { runProcess } from "./bot/run-process.ts";

// Entry point of `npm start` (built by scripts/build.mjs) and `npm run dev`: the top of the house
// (ADR 002), the one file that knows both the bot and the sandbox. Without Slack credentials the
// configuration asks for the sandbox; it (and its stand-in of Slack) is loaded only then, so the bot
// never loads its code. bot/run-process.ts reads the configuration and handles signals.
//
// The app is loaded (import()) only after a look at the embedded database's lock: a second process
// on a held DATA_DIR is refused before it spends a second or more of CPU loading Bolt, Prisma and
// the rest (issue 20). The lock itself is still taken, atomically, when the database opens.
await runProcess(async (config) => {
  if (!config.sandbox) {
    if (!config.databaseUrl) refuseHeldDataDir(config.dataDir);
    const { startApp } = await import("./bot/start.ts");
    return startApp(config);
  }
  const { sandboxDataDir } = await import("./sandbox/data-dir.ts");
  refuseHeldDataDir(sandboxDataDir(config.dataDir));
  const { startSandbox, sandboxWelcome } = await import("./sandbox/start.ts");
  const sandbox = await startSandbox(config);
  process.stdout.write(sandboxWelcome(sandbox.url));
  return sandbox;
});
