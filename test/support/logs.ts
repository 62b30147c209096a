import { Writable } from "node:stream";
import { createLogger } from "../../bot/logger.ts";

/** A real pino logger whose JSON lines are kept for assertions. */
export function captureLogger(level = "debug") {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  return { log: createLogger({ level, destination }), lines };
}
