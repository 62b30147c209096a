import { randomUUID } from "node:crypto";
import { ImapFlow } from "imapflow";
import type { Logger } from "pino";
import type { IncomingMail, ReplyResult } from "../../domain/conversation/receive-reply.ts";
import type { Db } from "../../domain/db.ts";
import type { IntakeService } from "../../domain/intake/intake-service.ts";
import { acquireLease, releaseLease, seizeLease } from "../../domain/leases/worker-lease-repository.ts";
import { readMail } from "../../domain/mail-intake/mail-to-inquiry.ts";
import { incomingMailOf } from "../../domain/mail-intake/reply-facts.ts";
import { backoffMs } from "../../domain/outbox/outbox-worker.ts";
import type { BackgroundWorker } from "../app.ts";
import type { ImapConfig } from "../config.ts";

/**
 * The e-mail intake: watches one IMAP mailbox (IDLE, else a poll) and turns every mail in it into an
 * inquiry through the same intake as the API. A mail leaves the mailbox only after its inquiry is
 * committed (moved to IMAP_DONE_MAILBOX), or, when it is no inquiry, to its sub-mailbox `ignoriert`.
 * A crash in between leaves the mail where it was; the next round stores nothing twice (the
 * Message-ID is the externalId) and moves it. Only the instance holding the database lease reads.
 */

export const IGNORED_MAILBOX = "ignoriert";
const LEASE_NAME = "mail-intake";
const BATCH = 20;

export interface MailIntakeTiming {
  /** How long the lease lasts without renewal: a dead holder's mailbox is taken over after this. */
  leaseMs?: number;
  /** How often the holder renews it (and a standby instance tries to take it). */
  renewMs?: number;
  /** Look for new mails this often even without an IDLE notice (servers without IDLE). */
  pollMs?: number;
  /** Reconnect backoff after failures: from 1 s, doubling up to this. */
  backoffMaxMs?: number;
}

export interface MailIntakeStatus {
  state: "standby" | "connecting" | "connected" | "error" | "stopped";
  mailbox: string;
  /** Whether the server notifies of new mail (IDLE); else it is polled. */
  idle?: boolean;
  /** When the last mail was processed. */
  lastMailAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  /** Mails processed since start: stored (or already stored) inquiries, and ignored mails. */
  inquiries: number;
  ignored: number;
}

export interface MailboxWatcherOptions extends MailIntakeTiming {
  imap: ImapConfig;
  db: Db;
  intake: IntakeService;
  /** Replies to mails kundenbot sent go into their request's thread instead of becoming inquiries. */
  replies?: { receiveReply(mail: IncomingMail): Promise<ReplyResult> };
  log: Logger;
  /** MAIL_FROM: mails from it are no inquiries. */
  ownAddress?: string;
  /** Take the lease at start whoever had it: right when no other process can use the database (PGlite). */
  seizeLeaseAtStart?: boolean;
  now?: () => Date;
}

export class MailboxWatcher implements BackgroundWorker {
  readonly name = "mail-intake";
  private readonly holder = randomUUID();
  private readonly leaseMs: number;
  private readonly renewMs: number;
  private readonly pollMs: number;
  private readonly backoffMaxMs: number;
  private readonly now: () => Date;
  private stopping = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private newMail = false;
  private current: MailIntakeStatus;

  constructor(private readonly opts: MailboxWatcherOptions) {
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.renewMs = opts.renewMs ?? 10_000;
    this.pollMs = opts.pollMs ?? 60_000;
    this.backoffMaxMs = opts.backoffMaxMs ?? 60_000;
    this.now = opts.now ?? (() => new Date());
    this.current = { state: "connecting", mailbox: opts.imap.mailbox, inquiries: 0, ignored: 0 };
  }

  status(): MailIntakeStatus {
    return { ...this.current };
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.current.state = "stopped";
  }

  private async loop(): Promise<void> {
    const log = this.opts.log;
    let failures = 0;
    let seize = this.opts.seizeLeaseAtStart === true;
    while (!this.stopping) {
      try {
        if (seize) {
          await seizeLease(this.opts.db, LEASE_NAME, this.holder, this.leaseMs);
          seize = false;
        } else if (!(await acquireLease(this.opts.db, LEASE_NAME, this.holder, this.leaseMs))) {
          if (this.current.state !== "standby") log.info("another instance reads the mailbox; standing by");
          this.current.state = "standby";
          await this.sleep(this.renewMs);
          continue;
        }
        await this.session();
        failures = 0;
      } catch (err) {
        failures++;
        const message = describe(err);
        const retryMs = backoffMs(failures, 1_000, this.backoffMaxMs);
        this.current = {
          ...this.current,
          state: "error",
          lastError: message,
          lastErrorAt: this.now().toISOString(),
        };
        log.warn({ err: message, failures, retryInMs: retryMs }, "mailbox not reachable; retrying");
        await this.sleep(retryMs);
      }
    }
    await releaseLease(this.opts.db, LEASE_NAME, this.holder).catch((err) =>
      log.warn({ err: describe(err) }, "could not release the mail intake lease; it expires by itself"),
    );
  }

  /** One connection: process what is there, then wait for new mail, until the lease is lost or we stop. */
  private async session(): Promise<void> {
    const { imap, log } = this.opts;
    this.current.state = "connecting";
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      // IDLE starts once the mailbox lock is released and the connection is quiet this long.
      autoIdleDelay: 1_000,
      // Servers end an IDLE after 30 minutes at most; renewing it earlier keeps the connection alive.
      maxIdleTime: 5 * 60_000,
    });
    // Without a listener an 'error' event would end the process; the failure surfaces as a closed connection.
    client.on("error", (err) => log.debug({ err: describe(err) }, "IMAP connection error"));
    client.on("exists", () => {
      this.newMail = true;
      this.wake?.();
    });
    client.on("close", () => this.wake?.());
    try {
      await client.connect();
      // Selected without a lock: imapflow goes into IDLE only while no lock is held.
      await client.mailboxOpen(imap.mailbox);
      const targets = await this.ensureTargets(client);
      const idle = client.capabilities.has("IDLE");
      this.current = { ...this.current, state: "connected", idle };
      log.info(
        { mailbox: imap.mailbox, done: targets.done, ignored: targets.ignored, idle },
        "watching the mailbox",
      );
      let nextPoll = 0;
      while (!this.stopping) {
        if (this.newMail || Date.now() >= nextPoll) {
          this.newMail = false;
          nextPoll = Date.now() + this.pollMs;
          const lock = await client.getMailboxLock(imap.mailbox);
          try {
            await this.processMailbox(client, targets);
          } finally {
            lock.release();
          }
        }
        if (this.stopping) break;
        await this.sleep(Math.max(0, Math.min(this.renewMs, nextPoll - Date.now())));
        if (!client.usable && !this.stopping) throw new Error("the IMAP server closed the connection");
        if (!(await acquireLease(this.opts.db, LEASE_NAME, this.holder, this.leaseMs))) {
          log.warn("lost the mail intake lease to another instance; standing by");
          return;
        }
      }
      await client.logout().catch(() => {});
    } finally {
      client.close();
    }
  }

  /** IMAP_DONE_MAILBOX and its `ignoriert`, joined with the server's separator, created when missing. */
  private async ensureTargets(client: ImapFlow): Promise<{ done: string; ignored: string }> {
    const ns = client.namespace;
    const delimiter = ns?.delimiter || "/";
    const prefix = ns?.prefix ?? "";
    const base = this.opts.imap.doneMailbox;
    const done = prefix && !base.startsWith(prefix) ? `${prefix}${base}` : base;
    const ignored = `${done}${delimiter}${IGNORED_MAILBOX}`;
    const existing = new Set((await client.list()).map((m) => m.path));
    for (const path of [done, ignored]) {
      if (!existing.has(path)) {
        await client.mailboxCreate(path);
        this.opts.log.info({ mailbox: path }, "created the mailbox");
      }
    }
    return { done, ignored };
  }

  private async processMailbox(client: ImapFlow, targets: { done: string; ignored: string }) {
    for (;;) {
      if (this.stopping) return;
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      if (uids.length === 0) return;
      // A long backlog must not outlast the lease: renewed before each batch.
      if (!(await acquireLease(this.opts.db, LEASE_NAME, this.holder, this.leaseMs))) {
        throw new Error("lost the mail intake lease while reading the mailbox");
      }
      await this.processBatch(client, uids.slice(0, BATCH), targets);
    }
  }

  private async processBatch(client: ImapFlow, uids: number[], targets: { done: string; ignored: string }) {
    const log = this.opts.log;
    // imapflow forbids other commands while a fetch is running: read the batch first, then store and move.
    const mails = await client.fetchAll(uids.join(","), { uid: true, source: true }, { uid: true });
    const done: number[] = [];
    const ignored: number[] = [];
    for (const mail of mails) {
      const uid = mail.uid;
      if (!mail.source) {
        log.warn({ uid }, "the server sent no content for this mail; trying again later");
        continue;
      }
      let result: Awaited<ReturnType<typeof readMail>>;
      try {
        result = await readMail(mail.source, this.opts.ownAddress);
      } catch (err) {
        log.error(
          { uid, err: describe(err), moveTo: targets.ignored },
          "mail could not be read as an inquiry; moved to ignoriert",
        );
        ignored.push(uid);
        continue;
      }
      if (result.kind === "ignored") {
        log.info(
          { uid, reason: result.reason, detail: result.detail, moveTo: targets.ignored },
          `mail is no inquiry (${result.reason}); moved to ignoriert`,
        );
        ignored.push(uid);
        continue;
      }
      // A failure here (database) ends the session without moving the mail: it is read again later.
      const reply = await this.opts.replies?.receiveReply(incomingMailOf(result));
      if (reply?.status === "reply") {
        log.info(
          { uid, request: reply.requestId, kind: reply.kind, created: reply.created },
          reply.created ? "mail stored as a reply" : "reply was stored before; moving it",
        );
        done.push(uid);
        continue;
      }
      const stored = await this.opts.intake.receiveInquiry(result.input, {
        source: "email",
        mail: { subject: result.subject, attachments: result.attachments },
      });
      log.info(
        { uid, inquiryId: stored.id, created: stored.created, attachments: result.attachments.length },
        stored.created ? "mail stored as an inquiry" : "mail was stored before; moving it",
      );
      done.push(uid);
    }
    // Moved only now: every inquiry of the batch is committed.
    await move(client, done, targets.done);
    await move(client, ignored, targets.ignored);
    const n = done.length + ignored.length;
    if (n > 0) {
      this.current = {
        ...this.current,
        lastMailAt: this.now().toISOString(),
        inquiries: this.current.inquiries + done.length,
        ignored: this.current.ignored + ignored.length,
      };
    }
    if (n < mails.length) {
      // Mails without content stay; do not spin on them before the next poll.
      throw new Error(`${mails.length - n} mail(s) could not be fetched`);
    }
  }

  /** Waits `ms`, or until woken (new mail, a closed connection, stop). */
  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}

async function move(client: ImapFlow, uids: number[], mailbox: string): Promise<void> {
  if (uids.length === 0) return;
  // imapflow answers a refused MOVE with false, not an error: the mails must not count as done.
  const moved = await client.messageMove(uids.join(","), mailbox, { uid: true });
  if (!moved) throw new Error(`the server refused to move ${uids.length} mail(s) to ${mailbox}`);
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const e = err as Error & { responseText?: string; code?: string };
    return [e.message, e.responseText, e.code].filter(Boolean).join(": ");
  }
  return String(err);
}
