import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";

/**
 * The workspace URL (`https://<team>.slack.com/`) from `auth.test`, asked once and kept: it only
 * changes when the workspace is renamed, and message links are built from it. When Slack cannot
 * be asked in time, the answer is undefined (links are left out): the Web API client retries
 * failed calls for minutes, and a digest without links beats a digest that waits.
 */
export class WorkspaceUrl {
  private url: string | undefined;
  private inflight: Promise<string | undefined> | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
    private readonly waitMs = 2_000,
  ) {}

  async get(): Promise<string | undefined> {
    if (this.url) return this.url;
    this.inflight ??= this.load().finally(() => {
      this.inflight = undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.waitMs);
    });
    try {
      return await Promise.race([this.inflight, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async load(): Promise<string | undefined> {
    try {
      const res = await this.client.auth.test();
      this.url = res.url;
      return this.url;
    } catch (err) {
      this.log.warn({ err }, "auth.test failed: message links are left out for now");
      return undefined;
    }
  }
}
