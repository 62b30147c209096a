import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { MailIntake } from "../../domain/mail-intake/mail-to-inquiry.ts";

/**
 * Parses mails in a worker thread, so that no mail, however large, deep or malformed, holds up the
 * bot's event loop (Slack acks, the intake API, /healthz). One mail at a time. A parse that takes
 * longer than `timeoutMs`, or runs the worker out of its memory, ends the worker (a new one is
 * started for the next mail) and rejects with a `MailReadError`.
 */

export interface ReadRequest {
  id: number;
  raw: Uint8Array;
  ownAddress?: string;
  /** Read only the headers; this is the message. */
  textNote?: string;
}

export type ReadReply =
  | { id: number; ok: true; result: MailIntake }
  | { id: number; ok: false; error: string };

export class MailReadError extends Error {
  override name = "MailReadError";
}

export interface MailReaderOptions {
  /** How long one mail may take to parse. */
  timeoutMs: number;
  /** The worker's heap (mailparser keeps attachments in memory): beyond it the worker ends, not the bot. */
  maxHeapMb?: number;
}

const WORKER_START_MS = 60_000;

export class MailReader {
  private worker: Promise<Worker> | undefined;
  private seq = 0;

  constructor(private readonly opts: MailReaderOptions) {}

  /**
   * The mail's inquiry (or why it is none); `textNote` reads only its headers. `raw` is handed to
   * the worker: when it is a whole buffer it is detached (empty) afterwards.
   */
  async read(raw: Uint8Array, ownAddress: string | undefined, textNote?: string): Promise<MailIntake> {
    const worker = await this.start();
    const id = ++this.seq;
    return new Promise<MailIntake>((resolve, reject) => {
      const done = (err: Error | undefined, result?: MailIntake) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (err) reject(err);
        else resolve(result as MailIntake);
      };
      const onMessage = (reply: ReadReply) => {
        if (reply.id !== id) return;
        done(reply.ok ? undefined : new MailReadError(reply.error), reply.ok ? reply.result : undefined);
      };
      const onError = (err: Error) => {
        this.discard(worker);
        done(new MailReadError(`the mail reader failed: ${err.message}`));
      };
      const onExit = (code: number) => {
        this.discard(worker);
        done(new MailReadError(`the mail reader stopped (exit code ${code})`));
      };
      const timer = setTimeout(() => {
        this.discard(worker);
        done(new MailReadError(`reading the mail took longer than ${this.opts.timeoutMs} ms`));
      }, this.opts.timeoutMs);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      // A buffer of its own is handed over without a copy (it is empty afterwards); a part of a
      // larger one is copied.
      const whole =
        raw.byteOffset === 0 &&
        raw.byteLength === raw.buffer.byteLength &&
        !(raw.buffer instanceof SharedArrayBuffer);
      const data = whole ? raw : new Uint8Array(raw);
      const req: ReadRequest = { id, raw: data, ownAddress, textNote };
      worker.postMessage(req, [data.buffer as ArrayBuffer]);
    });
  }

  /** Starts the worker ahead of the first mail (it takes a moment to load its modules). */
  warm(): Promise<void> {
    return this.start().then(() => undefined);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await (await worker.catch(() => undefined))?.terminate();
  }

  private discard(worker: Worker) {
    void worker.terminate();
    this.worker = undefined;
  }

  private start(): Promise<Worker> {
    this.worker ??= spawn(this.opts.maxHeapMb ?? 256).catch((err) => {
      this.worker = undefined;
      throw err;
    });
    return this.worker;
  }
}

/** Starts the worker and waits until it has loaded its modules. */
function spawn(maxHeapMb: number): Promise<Worker> {
  const ext = path.extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./mail-reader-worker${ext}`, import.meta.url).href;
  // Compiled JavaScript loads as it is. TypeScript needs tsx in the worker too: Node 20 does not
  // carry the main thread's `--import tsx` over to workers, so the worker registers it first.
  const tsx = ext === ".ts" ? import.meta.resolve("tsx/esm/api") : undefined;
  const code = tsx
    ? `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`
    : `import(${JSON.stringify(entry)});`;
  const worker = new Worker(code, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 16 },
  });
  worker.unref();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new MailReadError("the mail reader did not start")), WORKER_START_MS);
    const fail = (err: Error) => {
      clearTimeout(timer);
      void worker.terminate();
      reject(err);
    };
    worker.once("error", fail);
    worker.once("exit", (code) =>
      fail(new MailReadError(`the mail reader stopped at start (exit code ${code})`)),
    );
    worker.once("message", () => {
      clearTimeout(timer);
      worker.removeAllListeners("error");
      worker.removeAllListeners("exit");
      resolve(worker);
    });
  });
}
