// The baseline of the benchmarks: a bare Bolt app in plain JavaScript, as a Bolt user writes one.
// It acks every action and opens a fixed modal (bench/decisions.ts), and answers /healthz (bench/footprint.ts).
import { App, LogLevel } from "@slack/bolt";

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
  customRoutes: [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"status":"ok"}');
      },
    },
  ],
});
app.action(/.*/, async ({ ack, body, client }) => {
  await ack();
  await client.views.open({
    trigger_id: body.trigger_id,
    view: { type: "modal", title: { type: "plain_text", text: "Fest" }, blocks: [] },
  });
});
await app.start(Number(process.env.PORT));
console.log("bare bolt app listening");
