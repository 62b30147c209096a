// Mail bench (issue 20): the hostile corpus and twenty large mails through the real watcher of the
// real app process (as `npm start` runs it: the build) against a private Dovecot. Prints the app's event loop's worst delay
// (prom-client's nodejs_eventloop_lag_max_seconds, i.e. perf_hooks.monitorEventLoopDelay, read from
// /metrics every 250 ms) and its peak memory growth (resident set, worker thread included), each
// next to the same figures of a quiet phase of the same run, and whether every mail left the inbox.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { hasDovecot, startDovecot } from "../test/support/dovecot.ts";
import { attachmentMail, hostileCorpus } from "../test/support/hostile-mails.ts";
import { type AppProcess, freePort, npmStartArgs, startAppProcess } from "../test/support/process.ts";
import { SlackStandin } from "../test/support/slack-standin.ts";
import { CHANNEL, postgres } from "./intake.ts";
import type { BenchSection } from "./sections.ts";

const MB = 1024 * 1024;
const LARGE = 20;
const LARGE_BYTES = 5 * MB;
const TOO_LARGE_BYTES = 40 * MB;
const STAGING = "bench-staging";
const METRICS_TOKEN = "bench-metrics-token-0123456789";
const TARGET = { delayMs: 100, growthMb: 100 };

interface Sample {
  lagMs: number;
  rssMb: number;
  answerMs: number;
}

async function sample(baseUrl: string): Promise<Sample> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await res.text();
  const answerMs = performance.now() - started;
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, "m").exec(text)?.[1] ?? Number.NaN);
  return {
    lagMs: value("nodejs_eventloop_lag_max_seconds") * 1000,
    rssMb: value("process_resident_memory_bytes") / MB,
    answerMs,
  };
}

/** Samples every 250 ms until `until()`; the worst of each figure. */
async function watch(baseUrl: string, until: () => boolean | Promise<boolean>) {
  const worst: Sample = { lagMs: 0, rssMb: 0, answerMs: 0 };
  while (!(await until())) {
    const s = await sample(baseUrl);
    worst.lagMs = Math.max(worst.lagMs, s.lagMs);
    worst.rssMb = Math.max(worst.rssMb, s.rssMb);
    worst.answerMs = Math.max(worst.answerMs, s.answerMs);
    await new Promise((r) => setTimeout(r, 250));
  }
  return worst;
}

export const mailBench: BenchSection = {
  name: "mail",
  title: "hostile mails through the e-mail intake (real app process, Dovecot)",
  async run() {
    if (!hasDovecot) {
      console.log("  Dovecot is not installed (apt-get install -y dovecot-imapd); skipped");
      return;
    }
    const db = await postgres();
    if (!db) return;
    const imap = await startDovecot();
    const standin = await new SlackStandin().start();
    const dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-bench-mail-"));
    let app: AppProcess | undefined;
    try {
      // As `npm start` runs it: the build (ADR 012), the mail reader's worker included.
      app = await startAppProcess(
        {
          SLACK_BOT_TOKEN: "xoxb-bench",
          SLACK_SIGNING_SECRET: "bench-secret",
          SLACK_API_URL: standin.url,
          SLACK_CHANNEL_ID: CHANNEL,
          LOG_LEVEL: "warn",
          DATA_DIR: dataDir,
          IMAP_URL: imap.url(),
          METRICS_TOKEN,
          SLACK_POSTS_PER_SECOND: "50",
          ...db.env,
        },
        await freePort(),
        120_000,
        // e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" for a profile of the app.
        process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
        npmStartArgs(),
      );
      const base = app.baseUrl;
      const connected = async () =>
        ((await (await fetch(`${base}/healthz`)).json()) as { mailIntake?: { state?: string } }).mailIntake
          ?.state === "connected";
      const until = Date.now() + 30_000;
      while (!(await connected())) {
        if (Date.now() > until) throw new Error("the watcher did not connect");
        await new Promise((r) => setTimeout(r, 200));
      }
      // The corpus goes into a mailbox of its own first, so that appending 150 MB does not compete
      // with the reading; one MOVE puts it into the inbox at once.
      const client = await imap.client();
      await client.mailboxCreate(STAGING);
      const corpus = hostileCorpus(TOO_LARGE_BYTES);
      let total = 0;
      let bytes = 0;
      for (const m of corpus) {
        await client.append(STAGING, m.raw);
        total += 1;
        bytes += m.raw.length;
      }
      for (let i = 0; i < LARGE; i++) {
        const raw = attachmentMail(`large-${i}`, LARGE_BYTES);
        await client.append(STAGING, raw);
        total += 1;
        bytes += raw.length;
      }

      // prom-client resets the delay histogram at each read: the first one holds what came before.
      await sample(base);
      // The quiet phase: the app idle, the mail reader's worker started.
      const quietUntil = performance.now() + 5_000;
      const quiet = await watch(base, () => performance.now() > quietUntil);

      const started = performance.now();
      const lock = await client.getMailboxLock(STAGING);
      try {
        await client.messageMove("1:*", "INBOX");
      } finally {
        lock.release();
      }
      const busy = await watch(base, async () => (await imap.list("INBOX")).length === 0);
      const seconds = (performance.now() - started) / 1000;
      const done = (await imap.list("kundenbot")).length;
      const ignored = (await imap.list("kundenbot.ignoriert")).length;
      const left = (await imap.list("INBOX")).length;

      const growth = busy.rssMb - quiet.rssMb;
      const mark = (ok: boolean) => (ok ? "met" : "MISSED");
      console.log(
        `  corpus: ${total} mails, ${(bytes / MB).toFixed(0)} MB (${corpus.map((m) => m.name).join(", ")}, ${LARGE} × ${LARGE_BYTES / MB} MB)`,
      );
      console.log(`  read in ${seconds.toFixed(1)} s`);
      console.log(
        `  event loop's worst delay  ${busy.lagMs.toFixed(0).padStart(6)} ms   (quiet phase ${quiet.lagMs.toFixed(0)} ms; target ≤ ${TARGET.delayMs} ms: ${mark(busy.lagMs <= TARGET.delayMs)})`,
      );
      console.log(
        `  peak memory growth        ${growth.toFixed(0).padStart(6)} MB   (resident ${quiet.rssMb.toFixed(0)} → ${busy.rssMb.toFixed(0)} MB; target ≤ ${TARGET.growthMb} MB: ${mark(growth <= TARGET.growthMb)})`,
      );
      console.log(
        `  slowest /metrics answer   ${busy.answerMs.toFixed(0).padStart(6)} ms   (quiet phase ${quiet.answerMs.toFixed(0)} ms; contract: every request within 500 ms)`,
      );
      console.log(
        `  mails: ${done} in kundenbot, ${ignored} in kundenbot.ignoriert, ${left} left in INBOX (target: all ${total} in kundenbot, none left: ${mark(left === 0 && done === total)})`,
      );
    } finally {
      await app?.stop();
      await standin.stop();
      await imap.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
