import "dotenv/config";
import { runProcess } from "./bot/run-process.ts";
import { startApp } from "./bot/start.ts";

// Entry point of `npm start` (built by scripts/build.mjs) and `npm run dev`: the top of the house
// (ADR 002), the one file that knows both the bot and the sandbox. Without Slack credentials the
// configuration asks for the sandbox; it (and its stand-in of Slack) is loaded only then, so the bot
// never loads its code. bot/run-process.ts reads the configuration and handles signals.
await runProcess(async (config) => {
  if (!config.sandbox) return startApp(config);
  const { startSandbox, sandboxWelcome } = await import("./sandbox/start.ts");
  const sandbox = await startSandbox(config);
  process.stdout.write(sandboxWelcome(sandbox.url));
  return sandbox;
});
