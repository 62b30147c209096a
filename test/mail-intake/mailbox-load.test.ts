import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { type Dovecot, hasDovecot, startDovecot } from "../support/dovecot.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { contactFormMail, logLinesWith, postsWith, waitUntil } from "./support.ts";

// 50 mails at once, posted at the rate the stand-in enforces like Slack (here 20 per second, so
// that the test takes seconds, not the minute that Slack's 1 per second would take).
describe.skipIf(!hasDovecot)("50 mails appended at once", () => {
  const t = useTestApp({ start: false });
  let imap: Dovecot;
  let app: TestApp;
  const tags = Array.from({ length: 50 }, (_, i) => `LOAD${String(i).padStart(2, "0")}`);
  const autoReplies = new Set(tags.filter((_, i) => i % 10 === 9));

  beforeAll(async () => {
    imap = await startDovecot();
    t.standin.setRate({ perMs: 50, burst: 3 });
    app = await startTestApp(
      t.db,
      t.standin,
      { IMAP_URL: imap.url(), SLACK_POSTS_PER_SECOND: "20" },
      undefined,
      { mailIntake: { leaseMs: 3_000, renewMs: 500, backoffMaxMs: 1_000 } },
    );
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

  it("become 45 channel posts, none twice, all moved; the 5 auto-replies are in ignoriert with their reason logged", async () => {
    const client = await imap.client();
    await Promise.all(
      tags.map((tag) =>
        client.append(
          "INBOX",
          Buffer.from(contactFormMail(tag, { autoReply: autoReplies.has(tag) }).replace(/\n/g, "\r\n")),
        ),
      ),
    );
    const inquiryTags = tags.filter((tag) => !autoReplies.has(tag));
    await t.standin.waitFor(
      (s) => inquiryTags.every((tag) => postsWith(s, `Kunde ${tag}`).length > 0),
      60_000,
      "a post for every inquiry",
    );
    for (const tag of inquiryTags) expect(postsWith(t.standin, `Kunde ${tag}`), tag).toHaveLength(1);
    for (const tag of autoReplies) expect(postsWith(t.standin, `Kunde ${tag}`), tag).toHaveLength(0);

    // Each mail is moved right after its own step; the last one (an auto-reply) has no post to wait for.
    await waitUntil("an empty INBOX", async () => (await imap.list("INBOX")).length === 0, 10_000);
    expect((await imap.list("kundenbot")).sort()).toEqual(
      inquiryTags.map((tag) => `<${tag}@test.kundenbot>`).sort(),
    );
    expect((await imap.list("kundenbot.ignoriert")).sort()).toEqual(
      [...autoReplies].map((tag) => `<${tag}@test.kundenbot>`).sort(),
    );
    expect(logLinesWith(app.logs, '"reason":"auto-reply"')).toHaveLength(5);
    expect(await app.deps.prisma.inquiry.count()).toBe(45);
  }, 90_000);
});
