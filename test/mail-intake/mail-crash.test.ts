import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "../../bot/db/pglite.ts";
import { TEAM_CHANNEL } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { type Dovecot, hasDovecot, startDovecot } from "../support/dovecot.ts";
import { type AppProcess, freePort, startAppProcess } from "../support/process.ts";
import { SlackStandin } from "../support/slack-standin.ts";
import { contactFormMail, postsWith, waitUntil } from "./support.ts";

// The real process, as `npm start` runs it, killed with SIGKILL after the inquiry is committed and
// before the mail is moved. The move is made to fail (the done mailbox's folders are read-only for
// the mail user), so the kill lands exactly in that window, not by luck of timing.
const kind = dbKinds().includes("postgresql") ? "postgresql" : "pglite";
const MESSAGE_ID = "<CRASH1@test.kundenbot>";

describe.skipIf(!hasDovecot)(`SIGKILL between storing and moving a mail (${kind})`, () => {
  let imap: Dovecot;
  let standin: SlackStandin;
  let dataDir: string;
  let db: TestDatabase | undefined;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    imap = await startDovecot();
    standin = await new SlackStandin().start();
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-mailcrash-"));
    if (kind === "postgresql") db = await createTestDatabase("postgresql");
  });
  afterAll(async () => {
    await app?.stop("SIGKILL");
    await standin?.stop();
    await imap?.close();
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const doneFolders = () => ["cur", "new", "tmp"].map((f) => path.join(imap.maildir, ".kundenbot", f));

  it("after the restart the mail is moved and its inquiry exists once", async () => {
    const env = {
      SLACK_BOT_TOKEN: "xoxb-mail-crash",
      SLACK_SIGNING_SECRET: "mail-crash-secret",
      SLACK_API_URL: standin.url,
      SLACK_CHANNEL_ID: TEAM_CHANNEL,
      DATA_DIR: dataDir,
      IMAP_URL: imap.url(),
      LOG_LEVEL: "info",
      ...(db?.url ? { DATABASE_URL: db.url } : {}),
    };
    const client = await imap.client();
    await client.mailboxCreate("kundenbot");
    await client.mailboxCreate("kundenbot.ignoriert");
    for (const folder of doneFolders()) await chmod(folder, 0o555);
    await imap.append(contactFormMail("CRASH1"));

    const port = await freePort();
    app = await startAppProcess(env, port, 45_000);
    await standin.waitFor((s) => postsWith(s, "Kunde CRASH1").length === 1, 20_000, "the post of CRASH1");
    await waitUntil(
      "the refused move",
      () => app?.output().includes("the server refused to move") ?? false,
      10_000,
    );
    // The watcher's retry reads the mail again and stores nothing: the state the kill must hit.
    // (By then the outbox has long recorded its post; a kill inside that window is the outbox's
    // at-least-once case, tested in test/bot/outbox-crash.test.ts.)
    await waitUntil(
      "the retry that finds the inquiry stored",
      () => app?.output().includes("mail was stored before; moving it") ?? false,
      10_000,
    );
    await app.stop("SIGKILL");
    expect(await imap.list("INBOX")).toEqual([MESSAGE_ID]);

    for (const folder of doneFolders()) await chmod(folder, 0o700);
    // On PostgreSQL the new process waits for the dead one's lease (30 s) to run out; PGlite serves
    // one process only, so there the lease is taken over at start.
    app = await startAppProcess(env, port, 45_000);
    await waitUntil(
      "the mail in kundenbot",
      async () => (await imap.list("kundenbot")).includes(MESSAGE_ID),
      50_000,
    );
    expect(await imap.list("INBOX")).toEqual([]);
    expect(app.output()).toContain("mail was stored before; moving it");
    expect(app.output()).not.toContain("mail stored as an inquiry");
    await app.stop("SIGTERM");
    app = undefined;

    expect(postsWith(standin, "Kunde CRASH1")).toHaveLength(1);
    if (db) {
      expect(await db.prisma.inquiry.count({ where: { externalId: MESSAGE_ID } })).toBe(1);
    } else {
      const pglite = await openPglite(path.join(dataDir, "pglite"));
      const { rows } = await pglite.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Inquiry" WHERE "externalId" = $1`,
        [MESSAGE_ID],
      );
      await pglite.close();
      expect(rows[0]?.n).toBe(1);
    }
  }, 150_000);
});
