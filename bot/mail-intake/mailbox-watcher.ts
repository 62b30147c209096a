import { randomUUID } from "node:crypto";
import { ImapFlow } from "imapflow";
import type { Logger } from "pino";
import type { IncomingMail, ReplyResult } from "../../domain/conversation/receive-reply.ts";
import type { Db } from "../../domain/db.ts";
import type { IntakeService } from "../../domain/intake/intake-service.ts";
import { acquireLease, releaseLease, seizeLease } from "../../domain/leases/worker-lease-repository.ts";
import type { MailIntakeStatus } from "../../domain/mail-intake/mail-intake-status.ts";
import { headerOf, type MailIntake } from "../../domain/mail-intake/mail-to-inquiry.ts";
import { backoffMs } from "../../domain/outbox/outbox-worker.ts";
import type { BackgroundWorker } from "../background-worker.ts";
import type { ImapConfig } from "../config.ts";
import { MailReader } from "./mail-reader.ts";
import { storeReadMail } from "./store-mail.ts";

/**
 * The e-mail intake: watches one IMAP mailbox (IDLE, else a poll) and turns every mail in it into an
 * inquiry through the same intake as the API. A mail leaves the mailbox only after its inquiry is
 * committed (moved to IMAP_DONE_MAILBOX), or, when it is no inquiry, to its sub-mailbox `ignoriert`.
 * A crash in between leaves the mail where it was; the next round stores nothing twice (the
 * Message-ID is the externalId) and moves it. Only the instance holding the database lease reads.
 *
 * Each mail is one step: read (fetched alone, parsed in a worker thread) → decide → store → move.
 * A mail larger than `maxMailBytes` is read by its headers only, and so is one whose text cannot be
 * read (the parser failed or took longer than `readTimeoutMs`) or that was started `MAX_TRIES` times
 * without being moved: its inquiry says that the text is in the mailbox. No mail stays in the inbox.
 */

export const IGNORED_MAILBOX = "ignoriert";
const LEASE_NAME = "mail-intake";
const BATCH = 20;
/** How much of a mail's beginning is fetched when only its headers are read. */
const HEAD_BYTES = 64 * 1024;
/** A mail started this often without being moved is read by its headers only. */
const MAX_TRIES = 3;

export interface MailIntakeTiming {
  /** How long the lease lasts without renewal: a dead holder's mailbox is taken over after this. */
  leaseMs?: number;
  /** How often the holder renews it (and a standby instance tries to take it). */
  renewMs?: number;
  /** Look for new mails this often even without an IDLE notice (servers without IDLE). */
  pollMs?: number;
  /** Reconnect backoff after failures: from 1 s, doubling up to this. */
  backoffMaxMs?: number;
  /** Mails larger than this (bytes, as the server counts them) are read by their headers only. */
  maxMailBytes?: number;
  /** How long parsing one mail may take; then it is read by its headers only. */
  readTimeoutMs?: number;
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
  private readonly reader: MailReader;
  private readonly maxMailBytes: number;
  /** Mails started but not moved yet, by UIDVALIDITY and UID: how often. */
  private readonly tries = new Map<string, number>();

  constructor(private readonly opts: MailboxWatcherOptions) {
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.renewMs = opts.renewMs ?? 10_000;
    this.pollMs = opts.pollMs ?? 60_000;
    this.backoffMaxMs = opts.backoffMaxMs ?? 60_000;
    this.now = opts.now ?? (() => new Date());
    this.current = { state: "connecting", mailbox: opts.imap.mailbox, inquiries: 0, ignored: 0 };
    this.maxMailBytes = opts.maxMailBytes ?? 10 * 1024 * 1024;
    this.reader = new MailReader({ timeoutMs: opts.readTimeoutMs ?? 10_000 });
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
    await this.reader.close();
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
      this.reader.warm().catch((err) => log.warn({ err: describe(err) }, "the mail reader did not start"));
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
  private async ensureTargets(client: ImapFlow): Promise<Targets> {
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

  private async processMailbox(client: ImapFlow, targets: Targets) {
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

  private async processBatch(client: ImapFlow, uids: number[], targets: Targets) {
    // Sizes only: the batch never holds more than one mail's content.
    const mails = await client.fetchAll(uids.join(","), { uid: true, size: true }, { uid: true });
    for (const { uid, size } of mails) {
      if (this.stopping) return;
      // One mail may take up to the read timeout: the lease is renewed before each.
      if (!(await acquireLease(this.opts.db, LEASE_NAME, this.holder, this.leaseMs))) {
        throw new Error("lost the mail intake lease while reading the mailbox");
      }
      await this.processMail(client, uid, size ?? 0, targets);
    }
  }

  /** One mail: read → decide → store → move. */
  private async processMail(client: ImapFlow, uid: number, size: number, targets: Targets) {
    const key = `${client.mailbox ? client.mailbox.uidValidity : ""}:${uid}`;
    const tries = (this.tries.get(key) ?? 0) + 1;
    this.tries.set(key, tries);
    const read = await this.read(client, uid, size, tries, targets);
    const target = await this.store(uid, read, targets);
    await move(client, [uid], target);
    this.tries.delete(key);
    const ignored = target === targets.ignored;
    this.current = {
      ...this.current,
      lastMailAt: this.now().toISOString(),
      inquiries: this.current.inquiries + (ignored ? 0 : 1),
      ignored: this.current.ignored + (ignored ? 1 : 0),
    };
  }

  /** The mail parsed in the worker; by its headers only when it is too large, or its text fails. */
  private async read(
    client: ImapFlow,
    uid: number,
    size: number,
    tries: number,
    targets: Targets,
  ): Promise<Read> {
    const log = this.opts.log;
    const own = this.opts.ownAddress;
    if (size > this.maxMailBytes) {
      log.warn(
        { uid, bytes: size, maxBytes: this.maxMailBytes },
        "mail too large to read; reading its headers only",
      );
      return this.readHeaders(
        await fetchSource(client, uid, HEAD_BYTES),
        textNote("too-large", size, targets),
      );
    }
    if (tries > MAX_TRIES) {
      log.warn(
        { uid, tries },
        "mail was started several times without being moved; reading its headers only",
      );
      return this.readHeaders(
        await fetchSource(client, uid, HEAD_BYTES),
        textNote("unreadable", size, targets),
      );
    }
    const raw = await fetchSource(client, uid);
    // A copy of the header: the source itself goes to the worker without a copy.
    const head = Buffer.from(headerOf(raw).subarray(0, HEAD_BYTES));
    try {
      return await this.reader.read(raw, own);
    } catch (err) {
      log.error({ uid, err: describe(err) }, "mail text could not be read; reading its headers only");
      return this.readHeaders(head, textNote("unreadable", size, targets));
    }
  }

  private async readHeaders(head: Buffer, note: string): Promise<Read> {
    try {
      return await this.reader.read(headerOf(head), this.opts.ownAddress, note);
    } catch (err) {
      return { kind: "unreadable", error: describe(err) };
    }
  }

  /** Decides where the mail goes, storing its inquiry first; returns the mailbox to move it to. */
  private async store(uid: number, read: Read, targets: Targets): Promise<string> {
    const log = this.opts.log;
    if (read.kind === "unreadable") {
      log.error(
        { uid, err: read.error, moveTo: targets.ignored },
        "mail could not be read as an inquiry; moved to ignoriert",
      );
      return targets.ignored;
    }
    if (read.kind === "ignored") {
      log.info(
        { uid, reason: read.reason, detail: read.detail, moveTo: targets.ignored },
        `mail is no inquiry (${read.reason}); moved to ignoriert`,
      );
      return targets.ignored;
    }
    // A failure here (database) ends the session without moving the mail: it is read again later.
    await storeReadMail(this.opts, read, { uid });
    return targets.done;
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

type Targets = { done: string; ignored: string };
type Read = MailIntake | { kind: "unreadable"; error: string };

/** The message of an inquiry whose mail was read by its headers only. */
function textNote(why: "too-large" | "unreadable", bytes: number, targets: Targets): string {
  const where = `Der Text steht in der E-Mail im Postfach (${targets.done}).`;
  if (why === "unreadable") return `Der Text dieser E-Mail konnte nicht gelesen werden. ${where}`;
  const mb = (bytes / (1024 * 1024)).toLocaleString("de-DE", { maximumFractionDigits: 1 });
  return `Diese E-Mail ist zu groß (${mb} MB), um sie hier zu lesen. ${where}`;
}

/** The mail's source (its first `maxLength` bytes); an error when the server sends none. */
async function fetchSource(client: ImapFlow, uid: number, maxLength?: number): Promise<Buffer> {
  const source = maxLength ? { start: 0, maxLength } : true;
  const mail = await client.fetchOne(String(uid), { uid: true, source }, { uid: true });
  if (mail === false || !mail.source) throw new Error(`the server sent no content for mail ${uid}`);
  return mail.source;
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
