import { parentPort } from "node:worker_threads";
import { readMail, readMailHeaders } from "../../domain/mail-intake/mail-to-inquiry.ts";
import type { ReadReply, ReadRequest } from "./mail-reader.ts";

/** The worker thread of `MailReader`: parses one mail at a time, off the bot's event loop. */

const port = parentPort;
if (!port) throw new Error("mail-reader-worker.ts runs as a worker thread only");

port.on("message", async (req: ReadRequest) => {
  let reply: ReadReply;
  try {
    const raw = Buffer.from(req.raw.buffer, req.raw.byteOffset, req.raw.byteLength);
    const result =
      req.textNote === undefined
        ? await readMail(raw, req.ownAddress)
        : await readMailHeaders(raw, req.ownAddress, req.textNote);
    reply = { id: req.id, ok: true, result };
  } catch (err) {
    reply = {
      id: req.id,
      ok: false,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
