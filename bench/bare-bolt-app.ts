// The baseline for the ack-latency benchmark: a Bolt app that only acks and opens a fixed modal.
import { App, LogLevel } from "@slack/bolt";

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
});
app.action(/.*/, async ({ ack, body, client }) => {
  await ack();
  await client.views.open({
    trigger_id: (body as { trigger_id: string }).trigger_id,
    view: { type: "modal", title: { type: "plain_text", text: "Fest" }, blocks: [] },
  });
});
await app.start(Number(process.env.PORT));
console.log("bare bolt app listening");
