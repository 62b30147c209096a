import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEAM_CHANNEL } from "../support/app.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";
import { type Dovecot, hasDovecot, startDovecot } from "../support/dovecot.ts";
import { type AppProcess, freePort, startAppProcess } from "../support/process.ts";
import { SlackStandin } from "../support/slack-standin.ts";
import { contactFormMail, postsWith, waitUntil } from "./support.ts";

type Health = { mailIntake?: { state: string } };
const stateOf = async (p: AppProcess) =>
  ((await (await fetch(`${p.baseUrl}/healthz`)).json()) as Health).mailIntake?.state;

/**
 * Two bot processes on one PostgreSQL and one mailbox, with the production lease (30 s, renewed
 * every 10 s): one reads, the other stands by; each mail becomes exactly one inquiry; when the
 * reader dies (SIGKILL), the other takes over once the lease has expired.
 */
describe.skipIf(!hasDovecot || !dbKinds().includes("postgresql"))("two processes, one mailbox", () => {
  let db: TestDatabase;
  let imap: Dovecot;
  let standin: SlackStandin;
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase("postgresql");
    imap = await startDovecot();
    standin = await new SlackStandin().start();
    const env = {
      SLACK_BOT_TOKEN: "xoxb-mail-two",
      SLACK_SIGNING_SECRET: "mail-two-secret",
      SLACK_API_URL: standin.url,
      SLACK_CHANNEL_ID: TEAM_CHANNEL,
      DATABASE_URL: db.url as string,
      IMAP_URL: imap.url(),
      SLACK_POSTS_PER_SECOND: "20",
      LOG_LEVEL: "info",
    };
    processes.push(
      ...(await Promise.all([
        startAppProcess(env, await freePort(), 60_000),
        startAppProcess(env, await freePort(), 60_000),
      ])),
    );
  }, 90_000);
  afterAll(async () => {
    for (const p of processes) await p.stop("SIGKILL");
    await standin?.stop();
    await imap?.close();
    await db?.close();
  });

  it("each mail becomes exactly one inquiry; the second process takes over when the first dies", async () => {
    await waitUntil(
      "one reader and one standby",
      async () => (await Promise.all(processes.map(stateOf))).sort().join() === "connected,standby",
      20_000,
    );
    const client = await imap.client();
    const first = Array.from({ length: 20 }, (_, i) => `TWO${String(i).padStart(2, "0")}`);
    await Promise.all(
      first.map((tag) => client.append("INBOX", Buffer.from(contactFormMail(tag).replace(/\n/g, "\r\n")))),
    );
    await standin.waitFor(
      (s) => first.every((tag) => postsWith(s, `Kunde ${tag}`).length > 0),
      30_000,
      "20 posts",
    );
    await waitUntil("an empty INBOX", async () => (await imap.list("INBOX")).length === 0, 10_000);
    expect(await db.prisma.inquiry.count()).toBe(20);

    const states = await Promise.all(processes.map(stateOf));
    const reader = processes[states.indexOf("connected")] as AppProcess;
    const standby = processes[states.indexOf("standby")] as AppProcess;
    await reader.stop("SIGKILL");
    const later = ["TAKEOVER1", "TAKEOVER2", "TAKEOVER3"];
    for (const tag of later) await imap.append(contactFormMail(tag));
    await standin.waitFor(
      (s) => later.every((tag) => postsWith(s, `Kunde ${tag}`).length > 0),
      60_000,
      "the posts after the takeover",
    );
    expect(await stateOf(standby)).toBe("connected");
    for (const tag of [...first, ...later]) expect(postsWith(standin, `Kunde ${tag}`), tag).toHaveLength(1);
    expect(await db.prisma.inquiry.count()).toBe(23);
    await waitUntil("an empty INBOX", async () => (await imap.list("INBOX")).length === 0, 10_000);
    expect((await imap.list("kundenbot")).length).toBe(23);
  }, 150_000);
});
