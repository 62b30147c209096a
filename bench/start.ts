import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, npmStartArgs, startAppProcess } from "../test/support/process.ts";
import { SlackStandin } from "../test/support/slack-standin.ts";
import type { BenchSection } from "./sections.ts";

/** Time from `npm start`'s process start to the first 200 of /healthz, as a new user sees it. */
export const startBench: BenchSection = {
  name: "start",
  title: "start-up on the embedded database (new data directory, then a restart)",
  async run() {
    const standin = await new SlackStandin().start();
    const dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-bench-start-"));
    const env = {
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: "bench-secret",
      SLACK_API_URL: standin.url,
      DATA_DIR: dataDir,
    };
    try {
      for (const label of ["first start (new data directory)", "restart (existing data)"]) {
        const started = performance.now();
        const app = await startAppProcess(env, await freePort(), 60_000, [], npmStartArgs());
        console.log(
          `  ${label.padEnd(34)} healthy after ${((performance.now() - started) / 1000).toFixed(2)} s`,
        );
        await app.stop("SIGTERM");
      }
      console.log("  contract: first start healthy within 20 s");
    } finally {
      await standin.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
