import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { type Dovecot, hasDovecot, startDovecot } from "../support/dovecot.ts";
import { nthView } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { contactFormMail, logLinesWith, postsWith, waitUntil } from "./support.ts";

const OUTAGE_MS = 30_000;

describe.skipIf(!hasDovecot)("the IMAP server stopped for 30 s", () => {
  const t = useTestApp({ start: false });
  let imap: Dovecot;
  let app: TestApp;

  beforeAll(async () => {
    imap = await startDovecot();
    app = await startTestApp(t.db, t.standin, { IMAP_URL: imap.url() }, undefined, {
      mailIntake: { leaseMs: 3_000, renewMs: 500, backoffMaxMs: 2_000 },
    });
    await waitUntil(
      "the watcher connected",
      () => app.deps.mailIntake?.status().state === "connected",
      10_000,
    );
  }, 30_000);
  afterAll(async () => {
    await app?.stop();
    await imap?.close();
  });

  it("the watcher reconnects and picks up the mails that arrived meanwhile; the bot keeps working", async () => {
    await imap.append(contactFormMail("BEFORE1"));
    await t.standin.waitFor(
      (s) => postsWith(s, "Kunde BEFORE1").length === 1,
      10_000,
      "the post before the outage",
    );

    await imap.stop();
    const stoppedAt = Date.now();
    // Delivered by Dovecot's LDA straight into the maildir while nobody serves IMAP.
    imap.deliver(contactFormMail("DURING1"));
    imap.deliver(contactFormMail("DURING2"));
    await waitUntil(
      "the watcher noticed the outage",
      () => app.deps.mailIntake?.status().state === "error",
      10_000,
    );
    const health = (await (await fetch(`${app.baseUrl}/healthz`)).json()) as {
      status: string;
      mailIntake: { state: string; lastError: string };
    };
    expect(health.status).toBe("ok");
    expect(health.mailIntake.state).toBe("error");
    expect(health.mailIntake.lastError).toMatch(/ECONNREFUSED|closed/);
    // Members see it on the App Home.
    const n = t.standin.okCallsOf("views.publish").length;
    await app.event({ type: "app_home_opened", user: "U0MEMBER01", channel: "D0MEMBER01", tab: "home" });
    const home = await nthView(t.standin, "views.publish", n + 1);
    expect(JSON.stringify(home.blocks.find((b) => b.block_id === "home_mail_intake"))).toMatch(
      /:warning: \*E-Mail-Eingang:\* Postfach INBOX nicht erreichbar .*(ECONNREFUSED|closed the connection)/,
    );
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
    expect(postsWith(t.standin, "Kunde DURING1")).toHaveLength(0);
    expect(logLinesWith(app.logs, "mailbox not reachable; retrying").length).toBeGreaterThan(1);

    await imap.start();
    await t.standin.waitFor(
      (s) => postsWith(s, "Kunde DURING1").length === 1 && postsWith(s, "Kunde DURING2").length === 1,
      20_000,
      "the posts of the mails that arrived during the outage",
    );
    expect(app.deps.mailIntake?.status().state).toBe("connected");
    expect(await imap.list("INBOX")).toEqual([]);
    expect((await imap.list("kundenbot")).sort()).toEqual(
      ["<BEFORE1@test.kundenbot>", "<DURING1@test.kundenbot>", "<DURING2@test.kundenbot>"].sort(),
    );
  }, 90_000);
});
