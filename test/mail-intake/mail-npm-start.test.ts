import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEAM_CHANNEL } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { type Dovecot, hasDovecot, startDovecot } from "../support/dovecot.ts";
import { hostileCorpus } from "../support/hostile-mails.ts";
import { type AppProcess, freePort, npmStartArgs, startAppProcess } from "../support/process.ts";
import { SlackStandin } from "../support/slack-standin.ts";
import { contactFormMail, postsWith, waitUntil } from "./support.ts";

/**
 * The mail reader's worker thread as `npm start` runs the bot (the esbuild build, ADR 012): its
 * entry is part of the build, so a mail is read there, not sent to `ignoriert` as unreadable.
 */
describe.skipIf(!hasDovecot || !dbKinds().includes("postgresql"))("the mail reader under npm start", () => {
  let db: TestDatabase;
  let imap: Dovecot;
  let standin: SlackStandin;
  let app: AppProcess;
  let dataDir: string;

  beforeAll(async () => {
    db = await createTestDatabase("postgresql");
    imap = await startDovecot();
    standin = await new SlackStandin().start();
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-mail-start-"));
    const env = {
      SLACK_BOT_TOKEN: "xoxb-mail-start",
      SLACK_SIGNING_SECRET: "mail-start-secret",
      SLACK_API_URL: standin.url,
      SLACK_CHANNEL_ID: TEAM_CHANNEL,
      DATABASE_URL: db.url as string,
      DATA_DIR: dataDir,
      IMAP_URL: imap.url(),
      SLACK_POSTS_PER_SECOND: "20",
      LOG_LEVEL: "info",
    };
    app = await startAppProcess(env, await freePort(), 120_000, [], npmStartArgs());
  }, 150_000);
  afterAll(async () => {
    await app?.stop();
    await standin?.stop();
    await imap?.close();
    await db?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("reads a contact form and a quadratic quote intro in its worker; both become inquiries", async () => {
    const hostile = hostileCorpus(1).find((m) => m.name === "schrieb-am");
    if (!hostile) throw new Error("the corpus has no schrieb-am");
    await imap.append(contactFormMail("BUILD1"));
    await imap.append(hostile.raw);
    await standin.waitFor((s) => postsWith(s, "Kunde BUILD1").length === 1, 60_000, "the post of BUILD1");
    await waitUntil("an empty INBOX", async () => (await imap.list("INBOX")).length === 0, 30_000);
    expect((await imap.list("kundenbot")).sort()).toEqual([
      "<BUILD1@test.kundenbot>",
      "<hostile-schrieb-am@test>",
    ]);
    expect(await imap.list("kundenbot.ignoriert")).toEqual([]);
    expect(app.output()).not.toMatch(/mail text could not be read/);
  }, 120_000);
});
