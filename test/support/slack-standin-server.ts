// Runs the Slack stand-in as its own process (for benchmarks: keeps its work out of the measuring
// process). Prints `listening <port>` when ready; members come from STANDIN_MEMBERS (comma-separated).
import { SlackStandin } from "./slack-standin.ts";

const standin = await new SlackStandin({
  members: (process.env.STANDIN_MEMBERS ?? "U0MEMBER01").split(","),
}).start();
// A long benchmark would otherwise keep every call in memory.
setInterval(() => standin.calls.splice(0, standin.calls.length), 5_000).unref();
console.log(`listening ${standin.port}`);
process.on("SIGTERM", () => {
  standin.stop().then(() => process.exit(0));
});
