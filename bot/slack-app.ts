import { App, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { Logger } from "pino";
import type { Config } from "./config.ts";
import { boltLogger } from "./logger.ts";

export interface SlackApp {
  app: App;
  mode: "http" | "socket";
  /** In HTTP mode: the listener that serves POST /slack/events on our own HTTP server. */
  httpListener: HTTPReceiver["requestListener"] | undefined;
  /** Connects the socket (Socket Mode only; HTTP mode is served by bot/http/server.ts). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds the Bolt app. The receiver only carries requests: in HTTP mode we hand its request
 * listener to our own HTTP server (which also serves the intake API and /healthz), in Socket
 * Mode the socket brings Slack's requests and our server serves the rest.
 */
export function createSlackApp(config: Config, log: Logger): SlackApp {
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
  return {
    app,
    mode: "http",
    httpListener: receiver.requestListener,
    start: async () => {},
    stop: async () => {},
  };
}
