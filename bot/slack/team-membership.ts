import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";

export type MembershipAnswer = "member" | "not-member" | "unknown";

/**
 * Who is on the team: the members of SLACK_CHANNEL_ID, from conversations.members, cached briefly.
 * When Slack cannot be asked, the last known list is used; without one the answer is "unknown".
 */
export class TeamMembership {
  private members: Set<string> | undefined;
  private fetchedAt = 0;
  private inflight: Promise<Set<string>> | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly channelId: string | undefined,
    private readonly log: Logger,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async check(userId: string): Promise<MembershipAnswer> {
    if (!this.channelId) return "not-member";
    const fresh = this.members && this.now() - this.fetchedAt < this.ttlMs;
    if (!fresh) {
      try {
        this.inflight ??= this.load(this.channelId).finally(() => {
          this.inflight = undefined;
        });
        this.members = await this.inflight;
        this.fetchedAt = this.now();
      } catch (err) {
        this.log.warn({ err, channel: this.channelId }, "could not read the team channel's members");
        if (!this.members) return "unknown";
      }
    }
    return this.members?.has(userId) ? "member" : "not-member";
  }

  /** Forget the cached list (e.g. after a member_joined_channel event). */
  invalidate(): void {
    this.fetchedAt = 0;
  }

  private async load(channel: string): Promise<Set<string>> {
    const members = new Set<string>();
    let cursor: string | undefined;
    do {
      const res = await this.client.conversations.members({ channel, limit: 1000, cursor });
      for (const m of res.members ?? []) members.add(m);
      cursor = res.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return members;
  }
}
