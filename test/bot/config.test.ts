import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../bot/config.ts";

const minimal = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "secret" };

function problemsOf(env: Record<string, string | undefined>) {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("applies the contract's defaults", () => {
    const c = loadConfig(minimal);
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe("./data");
    expect(c.databaseUrl).toBeUndefined();
    expect(c.digest).toMatchObject({ cron: "0 9 * * 1-5", timezone: "Europe/Berlin", overdueDays: 3 });
    expect(c.partnerProgram).toBe("agency");
    expect(c.invitationsEnabled).toBe(true);
    expect(c.logLevel).toBe("info");
    expect(c.ingestToken).toBeUndefined();
    expect(c.retentionDays).toBe(180);
  });

  it("takes RETENTION_DAYS as whole days and names a bad one", () => {
    expect(loadConfig({ ...minimal, RETENTION_DAYS: "30" }).retentionDays).toBe(30);
    for (const bad of ["0", "1.5", "zwei"]) {
      expect(problemsOf({ ...minimal, RETENTION_DAYS: bad }).message).toContain("RETENTION_DAYS");
    }
  });

  it("reminders: 24 hours in Mo-Fr 08:00-18:00 by default, fractions, 0 for off, 'always'", () => {
    expect(loadConfig(minimal).reminders).toEqual({
      hours: 24,
      window: { kind: "hours", days: new Set([1, 2, 3, 4, 5]), start: 480, end: 1080 },
    });
    const c = loadConfig({ ...minimal, REMINDER_HOURS: "0.01", REMINDER_WINDOW: "always" });
    expect(c.reminders).toEqual({ hours: 0.01, window: { kind: "always" } });
    expect(loadConfig({ ...minimal, REMINDER_HOURS: "0" }).reminders.hours).toBe(0);
    const err = problemsOf({ ...minimal, REMINDER_HOURS: "-1", REMINDER_WINDOW: "Montag bis Freitag" });
    expect(err.problems.map((p) => p.variable).sort()).toEqual(["REMINDER_HOURS", "REMINDER_WINDOW"]);
    expect(err.message).toContain("Mo-Fr 08:00-18:00");
  });

  it("names every bad variable in one message, with how to fix it", () => {
    const err = problemsOf({
      SLACK_BOT_TOKEN: "nope",
      PORT: "abc",
      PARTNER_PROGRAM: "gold",
      DIGEST_CRON: "every day",
    });
    const vars = err.problems.map((p) => p.variable).sort();
    expect(vars).toEqual([
      "DIGEST_CRON",
      "PARTNER_PROGRAM",
      "PORT",
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
    ]);
    expect(err.message).toContain("SLACK_BOT_TOKEN must be a bot token that starts with xoxb-");
    expect(err.message).toContain("SLACK_SIGNING_SECRET is required in HTTP mode");
    expect(err.message).toContain("manifest.yml");
  });

  it("needs no signing secret in Socket Mode", () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1-A-1-x" });
    expect(c.slack.appToken).toBe("xapp-1-A-1-x");
  });

  it("requires MAIL_FROM with SMTP_URL", () => {
    const err = problemsOf({ ...minimal, SMTP_URL: "smtp://localhost:2525" });
    expect(err.problems.map((p) => p.variable)).toEqual(["MAIL_FROM"]);
  });

  it("treats empty values as unset and normalizes SLACK_API_URL", () => {
    const c = loadConfig({ ...minimal, DATABASE_URL: "", PORT: "", SLACK_API_URL: "http://127.0.0.1:9/api" });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.port).toBe(3000);
    expect(c.slack.apiUrl).toBe("http://127.0.0.1:9/api/");
  });

  it("turns invitations off in the ISV partner program", () => {
    expect(loadConfig({ ...minimal, PARTNER_PROGRAM: "isv" }).invitationsEnabled).toBe(false);
  });

  it("rejects an unknown time zone and an ingest token with spaces", () => {
    const err = problemsOf({ ...minimal, DIGEST_TIMEZONE: "Mars/Olympus", INGEST_TOKEN: "two words" });
    expect(err.problems.map((p) => p.variable).sort()).toEqual(["DIGEST_TIMEZONE", "INGEST_TOKEN"]);
  });

  it("accepts a short ingest token and a test double's channel id", () => {
    const c = loadConfig({ ...minimal, INGEST_TOKEN: "secret", SLACK_CHANNEL_ID: "C_TEAM" });
    expect(c.ingestToken).toBe("secret");
    expect(c.slack.channelId).toBe("C_TEAM");
  });

  it("starts the sandbox with no Slack credential at all, and only then", () => {
    expect(loadConfig({}).sandbox).toBe(true);
    expect(loadConfig({ SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: " " }).sandbox).toBe(true);
    expect(loadConfig(minimal).sandbox).toBe(false);
    // One credential means Slack, with today's configuration errors for the missing ones.
    expect(problemsOf({ SLACK_SIGNING_SECRET: "secret" }).problems.map((p) => p.variable)).toEqual([
      "SLACK_BOT_TOKEN",
    ]);
    expect(problemsOf({ SLACK_APP_TOKEN: "xapp-1-A-1-x" }).problems.map((p) => p.variable)).toEqual([
      "SLACK_BOT_TOKEN",
    ]);
  });

  it("never starts a sandbox in production", () => {
    const err = problemsOf({ NODE_ENV: "production" });
    expect(err.problems.map((p) => p.variable).sort()).toEqual(["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]);
  });

  it("takes WEBHOOK_URL with a Standard Webhooks secret; http only on loopback; names bad ones", () => {
    // The specification's test secret: base64 of exactly 24 bytes.
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const c = loadConfig({
      ...minimal,
      WEBHOOK_URL: "https://n8n.example/webhook/k",
      WEBHOOK_SECRET: secret,
    });
    expect(c.webhook?.url).toBe("https://n8n.example/webhook/k");
    expect(c.webhook?.secret).toEqual(Buffer.from("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64"));
    expect(loadConfig(minimal).webhook).toBeUndefined();
    for (const url of ["http://127.0.0.1:8080/hook", "http://localhost/x", "http://[::1]:9/x"]) {
      expect(loadConfig({ ...minimal, WEBHOOK_URL: url, WEBHOOK_SECRET: secret }).webhook?.url).toBe(url);
    }
    for (const url of [
      "http://n8n.example/hook",
      "ftp://127.0.0.1/x",
      "http://127.0.0.1.evil.example/x",
      "kein-url",
    ]) {
      const err = problemsOf({ ...minimal, WEBHOOK_URL: url, WEBHOOK_SECRET: secret });
      expect(
        err.problems.map((p) => p.variable),
        url,
      ).toEqual(["WEBHOOK_URL"]);
    }
    const missing = problemsOf({ ...minimal, WEBHOOK_URL: "https://n8n.example/k" });
    expect(missing.problems).toEqual([
      { variable: "WEBHOOK_SECRET", message: "is required when WEBHOOK_URL is set" },
    ]);
    // 23 bytes, no prefix, not base64: each is named with how to make one.
    for (const bad of [
      `whsec_${Buffer.alloc(23, 1).toString("base64")}`,
      "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "whsec_ä!",
    ]) {
      const err = problemsOf({ ...minimal, WEBHOOK_URL: "https://n8n.example/k", WEBHOOK_SECRET: bad });
      expect(
        err.problems.map((p) => p.variable),
        bad,
      ).toEqual(["WEBHOOK_SECRET"]);
      expect(err.message).toContain("randomBytes(32)");
    }
  });

  it("takes ADMIN_USERS as a list of Slack user IDs and names a bad entry", () => {
    expect(loadConfig(minimal).adminUsers).toBeUndefined();
    expect(loadConfig({ ...minimal, ADMIN_USERS: " U0ADMIN01, W0ADMIN02 ,U0ADMIN01" }).adminUsers).toEqual([
      "U0ADMIN01",
      "W0ADMIN02",
    ]);
    for (const bad of ["anna", "U0ADMIN01;U0ADMIN02", "@anna", " , "]) {
      expect(
        problemsOf({ ...minimal, ADMIN_USERS: bad }).problems.map((p) => p.variable),
        bad,
      ).toEqual(["ADMIN_USERS"]);
    }
  });
});
