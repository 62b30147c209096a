import type { IncomingMessage, ServerResponse } from "node:http";
import { App, type BufferedIncomingMessage, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { Logger } from "pino";
import type { Config } from "./config.ts";
import { PendingAcks } from "./http/pending-acks.ts";
import { RefusalLog } from "./http/refusal-log.ts";
import { BodyTooLargeError, readBody, sendJson } from "./http/respond.ts";
import { slackSignatureProblem } from "./http/slack-signature.ts";
import { boltLogger } from "./logger.ts";

/** Slack's own requests are a few kB; view submissions with long texts stay well under this. */
export const SLACK_BODY_LIMIT = 1024 * 1024;

export interface SlackApp {
  app: App;
  mode: "http" | "socket";
  /** In HTTP mode: the listener that serves POST /slack/events on our own HTTP server. */
  httpListener: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  /** Lets the acks of Slack requests that wait for one go out first (HTTP mode; a tick in Socket Mode). */
  yieldToAcks(): Promise<void>;
  /** Connects the socket (Socket Mode only; HTTP mode is served by bot/http/server.ts). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds the Bolt app. The receiver only carries requests: in HTTP mode we hand its request
 * listener to our own HTTP server (which also serves the intake API and /healthz), in Socket
 * Mode the socket brings Slack's requests and our server serves the rest.
 */
/** What a Slack request was, for the ack-latency histogram: from the raw body, after the answer. */
export type SlackRequestType =
  | "block_actions"
  | "view_submission"
  | "view_closed"
  | "block_suggestion"
  | "command"
  | "event"
  | "shortcut"
  | "other";

const INTERACTION_TYPES = new Set(["block_actions", "view_submission", "view_closed", "block_suggestion"]);

export function slackRequestType(rawBody: Buffer, contentType: string | undefined): SlackRequestType {
  if ((contentType ?? "").startsWith("application/json")) return "event";
  const form = new URLSearchParams(rawBody.toString("utf8"));
  if (form.has("command")) return "command";
  // Slack's payloads start with their type; a look at the start is enough and costs no JSON parse.
  const type = /^\s*\{\s*"type"\s*:\s*"(\w+)"/.exec(form.get("payload")?.slice(0, 100) ?? "")?.[1] ?? "";
  if (INTERACTION_TYPES.has(type)) return type as SlackRequestType;
  if (type === "shortcut" || type === "message_action") return "shortcut";
  return "other";
}

/** Told how long each Slack request took from arrival to its answer (HTTP mode). */
export type AckObserver = (type: SlackRequestType, seconds: number) => void;

export function createSlackApp(
  config: Config,
  log: Logger,
  observeAck?: AckObserver,
  now: () => number = Date.now,
): SlackApp {
  const logger = boltLogger(log);
  const clientOptions = config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};
  const newApp = (receiver: SocketModeReceiver | HTTPReceiver) =>
    new App({ receiver, token: config.slack.botToken, logger, clientOptions, extendedErrorHandler: true });
  if (config.slack.appToken) {
    const receiver = new SocketModeReceiver({ appToken: config.slack.appToken, logger });
    const app = newApp(receiver);
    return {
      app,
      mode: "socket",
      httpListener: undefined,
      yieldToAcks: () => new Promise((resolve) => setImmediate(resolve)),
      start: async () => {
        await app.start();
      },
      stop: async () => {
        await app.stop();
      },
    };
  }
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret as string,
    endpoints: "/slack/events",
    logger,
  });
  const app = newApp(receiver);
  const pending = new PendingAcks();
  const refusals = new RefusalLog({ now });
  const signingSecret = config.slack.signingSecret as string;
  return {
    app,
    mode: "http",
    yieldToAcks: () => pending.yield(),
    httpListener: async (req, res) => {
      const arrived = performance.now();
      // Read (and cap) the body here, before Bolt buffers it up to its 4 MB default and computes
      // the HMAC over it: an unsigned stranger must not make us hash or hold megabytes.
      let rawBody: Buffer;
      try {
        rawBody = await readBody(req, SLACK_BODY_LIMIT);
      } catch (err) {
        if (!(err instanceof BodyTooLargeError)) throw err;
        return sendJson(res, 413, { error: "the body is larger than 1 MB" }, { connection: "close" });
      }
      // Not from Slack: refused here, logged at most once a minute per address with a count
      // (Bolt would log every single one).
      const problem = slackSignatureProblem(req, rawBody, signingSecret);
      if (problem) {
        // The socket's address, not X-Forwarded-For: a client can write any header it likes.
        const address = req.socket.remoteAddress ?? "unknown";
        const count = refusals.refused(address);
        if (count !== undefined)
          log.warn(
            { address, refused: count, reason: problem },
            "refused requests to /slack/events without a valid Slack signature (logged at most once a minute per address)",
          );
        return sendJson(res, 401, { error: "not signed by Slack" });
      }
      // Counted once the whole body is here: a slow upload (anyone's, signed or not) would hold
      // back the work after every other ack for up to its 100 ms.
      const answered = pending.begin();
      res.once("finish", () => {
        answered();
        // After the answer is out: nothing of this is on the ack's path.
        observeAck?.(
          slackRequestType(rawBody, req.headers["content-type"]),
          (performance.now() - arrived) / 1000,
        );
      });
      res.once("close", answered);
      // Bolt takes a request whose body is already read as it is (BufferedIncomingMessage).
      Object.assign(req, { rawBody });
      receiver.requestListener(req as BufferedIncomingMessage, res);
    },
    start: async () => {},
    stop: async () => {},
  };
}
