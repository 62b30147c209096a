import { describe, expect, it } from "vitest";
import { startTestApp, TEAM_CHANNEL } from "../support/app.ts";
import { dbKinds } from "../support/db.ts";
import { inquiryBody, postIntake } from "../support/intake.ts";
import { useTestApp } from "../support/lifecycle.ts";
import type { RecordedCall } from "../support/slack-standin.ts";

/** The inquiry id each successful post carries (its button value). */
const postedIds = (calls: RecordedCall[]) =>
  calls.map((c) => /"value":"([0-9a-f-]{36})"/.exec(String(c.args.blocks))?.[1] ?? "?");

describe.each(dbKinds())("delivery to Slack on %s", (kind) => {
  const t = useTestApp({ kind, start: false });

  it("delivers 200 requests exactly once while Slack answers 429 at first and HTTP 500 to a fifth", async () => {
    t.standin.reset();
    t.standin.fault("chat.postMessage", { kind: "ratelimited", retryAfter: 1 }, { times: 3 });
    t.standin.fault("chat.postMessage", { kind: "http", status: 500 }, { rate: 0.2 });
    // Slack's 1 post per second would make this test take minutes; the stand-in allows 50 per second.
    t.standin.setRate({ perMs: 20, burst: 5 });
    const app = await startTestApp(t.db, t.standin, { SLACK_POSTS_PER_SECOND: "50" });
    try {
      const ids: string[] = [];
      for (let batch = 0; batch < 10; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => postIntake(app.baseUrl, "inquiries", inquiryBody())),
        );
        for (const a of answers) {
          expect(a.status).toBe(201);
          ids.push(String(a.body.id));
        }
      }
      await t.standin.waitFor((s) => s.okCallsOf("chat.postMessage").length >= 200, 30_000, "200 posts");
      await new Promise((r) => setTimeout(r, 500));
      const posted = postedIds(t.standin.okCallsOf("chat.postMessage"));
      expect(posted).toHaveLength(200);
      expect(new Set(posted)).toEqual(new Set(ids));
      expect(t.standin.calls.filter((c) => c.status === 429).length).toBeGreaterThanOrEqual(3);
      expect(t.standin.calls.filter((c) => c.status === 500).length).toBeGreaterThan(10);
      const pending = await app.deps.prisma.outboxJob.count({ where: { status: { not: "done" } } });
      expect(pending).toBe(0);
    } finally {
      await app.stop();
      t.standin.setRate(undefined);
    }
  }, 60_000);

  it("keeps a post when the bot is not in the channel, says what to do, and posts it after a restart", async () => {
    t.standin.reset();
    t.standin.fault("chat.postMessage", { kind: "error", error: "not_in_channel" });
    const app = await startTestApp(t.db, t.standin);
    let id = "";
    try {
      const res = await postIntake(app.baseUrl, "inquiries", inquiryBody());
      id = String(res.body.id);
      await expect
        .poll(() => app.logs.some((l) => l.includes("/invite @kundenbot")), { timeout: 3_000 })
        .toBe(true);
      const job = await app.deps.prisma.outboxJob.findFirstOrThrow({
        where: { payload: { path: ["link", "id"], equals: id } },
        select: { status: true, lastError: true },
      });
      expect(job).toEqual({ status: "pending", lastError: "Slack answered not_in_channel" });
    } finally {
      await app.stop();
    }
    // Someone invited the bot; at the next start the waiting posts go out at once.
    t.standin.clearFaults();
    const again = await startTestApp(t.db, t.standin);
    try {
      await t.standin.waitFor((s) => postedIds(s.okCallsOf("chat.postMessage")).includes(id), 15_000);
    } finally {
      await again.stop();
    }
  });

  it("stores requests while SLACK_CHANNEL_ID is unset and posts them once it is set", async () => {
    t.standin.reset();
    const app = await startTestApp(t.db, t.standin, { SLACK_CHANNEL_ID: undefined });
    let id = "";
    try {
      const res = await postIntake(app.baseUrl, "inquiries", inquiryBody());
      expect(res.status).toBe(201);
      id = String(res.body.id);
      await expect
        .poll(() => app.logs.some((l) => l.includes("set SLACK_CHANNEL_ID")), { timeout: 3_000 })
        .toBe(true);
      expect(t.standin.okCallsOf("chat.postMessage")).toHaveLength(0);
    } finally {
      await app.stop();
    }
    const again = await startTestApp(t.db, t.standin);
    try {
      await t.standin.waitFor((s) => postedIds(s.okCallsOf("chat.postMessage")).includes(id), 15_000);
      expect(t.standin.okCallsOf("chat.postMessage")[0]?.args.channel).toBe(TEAM_CHANNEL);
    } finally {
      await again.stop();
    }
  });
});
