import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";

describe("buildApp", () => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "test-signing-secret",
      SLACK_API_URL: "http://127.0.0.1:9/api/",
      DATABASE_URL: db.url,
      LOG_LEVEL: "silent",
    });
    app = await buildApp(config, { pglite: db.pglite });
  });
  afterAll(async () => {
    await app?.db.close();
    await db?.close();
  });

  it("wires routes, workers and services without a port or a started worker", async () => {
    expect(app.routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(["GET /healthz", "POST /api/v1/inquiries", "POST /slack/events"]),
    );
    expect(app.workers.map((w) => w.name)).toEqual([
      "outbox",
      expect.stringContaining("digest"),
      "report-scheduler",
      "reminders",
      "follow-ups",
      "retention",
    ]);
    expect(await app.deps.waiting.counts()).toMatchObject({ openInquiries: 0, pendingInvitations: 0 });
  });
});
