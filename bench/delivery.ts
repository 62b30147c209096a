// Delivery bench: 40 queued posts under Slack's limit of about one message per second per channel
// (the stand-in enforces it, with a burst of 3), delivered by one and by two instances on one
// PostgreSQL: the span from the first to the last post against the floor the limit allows, and
// how many calls Slack answered 429.
import type { AppProcess } from "../test/support/process.ts";
import { SlackStandin } from "../test/support/slack-standin.ts";
import { postgres, send, startApp } from "./intake.ts";

const POSTS = 40;
const BURST = 3;

async function deliver(instances: number) {
  const db = await postgres();
  if (!db) return;
  const standin = await new SlackStandin({ postRate: { perMs: 1000, burst: BURST } }).start();
  try {
    // Queue: an instance without SLACK_CHANNEL_ID stores and schedules, and posts nothing.
    const queuing = await startApp(standin, db.env, { SLACK_CHANNEL_ID: "" });
    let accepted = 0;
    for (let i = 0; i < POSTS; i++) if (await send(queuing.baseUrl)) accepted += 1;
    await queuing.stop();
    standin.reset();
    const apps: AppProcess[] = await Promise.all(
      Array.from({ length: instances }, () => startApp(standin, db.env)),
    );
    try {
      await standin.waitFor(
        (s) => s.okCallsOf("chat.postMessage").length >= POSTS,
        180_000,
        `${POSTS} posts`,
      );
      const ok = standin.okCallsOf("chat.postMessage");
      const took = (ok.at(-1)?.at ?? 0) - (ok[0]?.at ?? 0);
      const floor = (POSTS - BURST) * 1000;
      const limited = standin.calls.filter((c) => c.method === "chat.postMessage" && c.status === 429).length;
      const ratio = took / floor;
      const target = instances === 1 ? ratio <= 1.1 : ratio <= 1.1 && limited <= 3;
      console.log(
        `${POSTS} posts under 1 msg/s per channel, ${instances} instance${instances > 1 ? "s" : ""}: ${(took / 1000).toFixed(2)} s, floor ${(floor / 1000).toFixed(0)} s → ${ratio.toFixed(3)}× the floor, ${limited} × 429 (target ≤ 1.1×${instances > 1 ? ", ≤ 3 × 429" : ""}: ${target ? "met" : "MISSED"}); ${ok.length} posts for ${accepted} requests`,
      );
    } finally {
      await Promise.all(apps.map((a) => a.stop()));
    }
  } finally {
    await standin.stop();
    await db.drop();
  }
}

export async function deliveryBench(): Promise<void> {
  await deliver(1);
  await deliver(2);
}
