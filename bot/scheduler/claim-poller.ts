import type { Logger } from "pino";
import type { BackgroundWorker } from "../background-worker.ts";

/**
 * A worker that, every `pollMs`, claims what has come due (the claim lives in the database, so
 * several instances and restarts claim each item once) and wakes the outbox when it claimed any.
 * One pass at a time; `stop` waits for the pass in progress. The reminders and the follow-ups use it.
 */
export function createClaimPoller(opts: {
  /** The worker's name, also the log's module. */
  name: string;
  /** What it claims, for the log ("reminders", "follow-ups"). */
  what: string;
  pollMs: number;
  log: Logger;
  claim: () => Promise<number>;
  wakeOutbox: () => void;
  /** Says why the worker does not run at all (logged at start), or undefined. */
  disabled?: () => string | undefined;
}): BackgroundWorker {
  const log = opts.log.child({ module: opts.name });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const pass = async () => {
    try {
      const claimed = await opts.claim();
      if (claimed > 0) {
        log.info({ claimed }, `${opts.what} claimed`);
        opts.wakeOutbox();
      }
    } catch (err) {
      log.error({ err }, `looking for due ${opts.what} failed; trying again at the next pass`);
    }
  };
  const loop = () => {
    if (stopped) return;
    running = pass().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(loop, opts.pollMs);
    });
  };
  return {
    name: opts.name,
    start() {
      const why = opts.disabled?.();
      if (why) {
        log.info(why);
        return;
      }
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
