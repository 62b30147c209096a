import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { freePort } from "./process.ts";

/**
 * A private Dovecot IMAP server on loopback for one test file: a throwaway configuration (plain
 * passwords file, maildir in a temp folder, a free port, no TLS), started and stopped by the test.
 * Debian's `dovecot-imapd`; `.ci/run` installs it when missing.
 */

const DOVECOT = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"].find((p) => existsSync(p));
const LDA = ["/usr/lib/dovecot/dovecot-lda", "/usr/libexec/dovecot/dovecot-lda"].find((p) => existsSync(p));

export const hasDovecot = DOVECOT !== undefined;
if (!hasDovecot) {
  console.warn(
    "Dovecot is not installed: the e-mail intake tests against a real IMAP server are skipped (apt-get install -y dovecot-imapd; .ci/run does it).",
  );
}

export const IMAP_USER = "anfragen";
export const IMAP_PASSWORD = "imap-test-secret";

export interface Dovecot {
  port: number;
  /** The maildir root (mailbox `a.b` is the folder `.a.b` in it). */
  maildir: string;
  /** IMAP_URL for the app: imap://user:pass@127.0.0.1:port/<mailbox>. */
  url(mailbox?: string): string;
  /** A logged-in client for the test's own APPENDs and checks; closed by `close()`. */
  client(): Promise<ImapFlow>;
  /** Puts a mail into a mailbox with IMAP APPEND (CRLF line ends, as on the wire). */
  append(raw: string | Buffer, mailbox?: string): Promise<void>;
  /** Delivers a mail with Dovecot's LDA (works while the server is stopped). */
  deliver(raw: string | Buffer): void;
  /** Message-IDs (or subjects, when absent) of the mails in a mailbox; [] when it does not exist. */
  list(mailbox: string): Promise<string[]>;
  /** Stops the server (connections drop); `start()` starts it again on the same port and maildir. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export const crlf = (raw: string | Buffer) => Buffer.from(String(raw).replace(/\r?\n/g, "\r\n"));

export async function startDovecot(): Promise<Dovecot> {
  if (!DOVECOT) throw new Error("dovecot is not installed");
  const dir = await mkdtemp(path.join(tmpdir(), "kundenbot-dovecot-"));
  // Dovecot's auth and mail processes run as other users and need to reach the files in it.
  await chmod(dir, 0o755);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const me = userInfo();
  // As root Dovecot refuses to run mail processes as root: the mail belongs to the `mail` user.
  const uid = root ? 8 : me.uid;
  const gid = root ? 8 : me.gid;
  const home = path.join(dir, "home");
  const maildir = path.join(dir, "mail");
  await mkdir(home, { recursive: true });
  await mkdir(maildir, { recursive: true });
  for (const sub of ["run", "state"]) await mkdir(path.join(dir, sub));
  if (root) {
    await chown(home, uid, gid);
    await chown(maildir, uid, gid);
  }
  await writeFile(path.join(dir, "users"), `${IMAP_USER}:{PLAIN}${IMAP_PASSWORD}:${uid}:${gid}::${home}::\n`);
  const conf = path.join(dir, "dovecot.conf");
  await writeFile(
    conf,
    [
      "protocols = imap",
      "listen = 127.0.0.1",
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      "ssl = no",
      "disable_plaintext_auth = no",
      "auth_mechanisms = plain login",
      `default_internal_user = ${root ? "dovecot" : me.username}`,
      `default_login_user = ${root ? "dovenull" : me.username}`,
      ...(root ? [] : [`default_internal_group = ${me.username}`]),
      `mail_location = maildir:${maildir}`,
      `first_valid_uid = ${uid}`,
      "postmaster_address = postmaster@agentur-beispiel.de",
      `passdb {\n  driver = passwd-file\n  args = ${dir}/users\n}`,
      `userdb {\n  driver = passwd-file\n  args = ${dir}/users\n}`,
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      "service stats {\n  inet_listener http {\n    port = 0\n  }\n}",
      "",
    ].join("\n"),
  );

  let child: ChildProcess | undefined;
  let output = "";
  const clients: ImapFlow[] = [];

  async function start() {
    output = "";
    const c = spawn(DOVECOT as string, ["-F", "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
    c.stdout?.on("data", (d) => {
      output += String(d);
    });
    c.stderr?.on("data", (d) => {
      output += String(d);
    });
    child = c;
    const until = Date.now() + 10_000;
    for (;;) {
      if (c.exitCode !== null) throw new Error(`dovecot exited: ${output}`);
      if (await accepts(port)) return;
      if (Date.now() > until) throw new Error(`dovecot did not listen on ${port}: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function stop() {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    // A stopped server drops its connections: the processes serving them (children of this
    // master) would otherwise go on serving IMAP after the master has left.
    const children = c.pid ? descendants(c.pid) : [];
    const exit = once(c, "exit");
    c.kill("SIGTERM");
    await exit;
    for (const pid of children) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    // The master's children (imap, login) leave with it; wait until the port is really closed.
    const until = Date.now() + 5_000;
    while ((await accepts(port)) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  }

  async function client() {
    const c = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: IMAP_USER, pass: IMAP_PASSWORD },
      logger: false,
    });
    c.on("error", () => {});
    await c.connect();
    clients.push(c);
    return c;
  }

  await start();
  const test = await client();

  return {
    port,
    maildir,
    url: (mailbox = "INBOX") =>
      `imap://${IMAP_USER}:${IMAP_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(mailbox)}`,
    client,
    async append(raw, mailbox = "INBOX") {
      await test.append(mailbox, crlf(raw));
    },
    deliver(raw) {
      if (!LDA) throw new Error("dovecot-lda is not installed");
      // Without -d the LDA needs no auth service (so it delivers while the server is stopped):
      // it runs as the mail user and takes the maildir from the configuration.
      const r = spawnSync(
        LDA,
        [
          ...["-c", conf, "-f", "sender@beispiel-kunde.de"],
          // The server's log file and stats socket belong to root; the LDA runs as the mail user.
          ...["-o", "log_path=/dev/stderr", "-o", "stats_writer_socket_path="],
        ],
        {
          input: crlf(raw),
          uid,
          gid,
          env: { HOME: home, USER: IMAP_USER, PATH: process.env.PATH ?? "" },
        },
      );
      if (r.status !== 0) throw new Error(`dovecot-lda failed (${r.status}): ${r.stderr}`);
    },
    async list(mailbox) {
      const c = await client();
      try {
        const exists = (await c.list()).some((m) => m.path === mailbox);
        if (!exists) return [];
        const lock = await c.getMailboxLock(mailbox);
        try {
          const out: string[] = [];
          if (c.mailbox && c.mailbox.exists === 0) return out;
          for await (const m of c.fetch("1:*", { envelope: true })) {
            out.push(m.envelope?.messageId ?? m.envelope?.subject ?? "");
          }
          return out;
        } finally {
          lock.release();
        }
      } finally {
        await c.logout().catch(() => {});
      }
    },
    stop,
    start,
    async close() {
      for (const c of clients) c.close();
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** PIDs of a process's children and their children (Linux /proc). */
function descendants(pid: number): number[] {
  let direct: number[] = [];
  try {
    direct = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return direct.flatMap((child) => [child, ...descendants(child)]);
}

async function accepts(port: number): Promise<boolean> {
  const { connect } = await import("node:net");
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}
