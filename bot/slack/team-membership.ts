import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";

export type MembershipAnswer = "member" | "not-member" | "unknown";

/** How the team channel is set up: a public or shared channel lets people outside the team in. */
export interface ChannelExposure {
  isPrivate: boolean;
  isShared: boolean;
}

/** Past this, a member list Slack could not refresh is too old to decide who is on the team. */
export const STALE_MEMBERS_MS = 10 * 60_000;

/**
 * Who is on the team: the members of SLACK_CHANNEL_ID, from conversations.members, cached briefly,
 * who belong to the app's own organisation (auth.test → team_id). In a Slack Connect channel,
 * people of another organisation are channel members too, but not the team.
 * When Slack cannot be asked, the last list fetched within STALE_MEMBERS_MS is used; past that,
 * or without one, the answer is "unknown".
 */
export class TeamMembership {
  private members: Set<string> | undefined;
  private fetchedAt = 0;
  private inflight: Promise<Set<string>> | undefined;
  private ownTeam: Promise<string> | undefined;
  /** A user's organisation never changes, so users.info is asked once per user. */
  private userTeams = new Map<string, string>();
  /** Set at start when the channel is public or shared; shown on members' App Home. */
  exposure: ChannelExposure | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly channelId: string | undefined,
    private readonly log: Logger,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** `userTeamId`: the user's organisation from the payload, when it carries one (else users.info). */
  async check(userId: string, userTeamId?: string): Promise<MembershipAnswer> {
    if (!this.channelId) return "not-member";
    const members = await this.currentMembers(this.channelId);
    if (!members) return "unknown";
    if (!members.has(userId)) return "not-member";
    try {
      const [own, theirs] = await Promise.all([this.ownTeamId(), userTeamId ?? this.teamOf(userId)]);
      return own === theirs ? "member" : "not-member";
    } catch (err) {
      this.log.warn({ err, user: userId }, "could not tell which organisation a user belongs to");
      return "unknown";
    }
  }

  /** Forget the cached list, so that the next check asks Slack (member_joined/left_channel). */
  invalidate(): void {
    this.members = undefined;
    this.fetchedAt = 0;
  }

  /** Whether the team channel is open to people outside the team (conversations.info). */
  async readExposure(): Promise<ChannelExposure | undefined> {
    if (!this.channelId) return undefined;
    const res = await this.client.conversations.info({ channel: this.channelId });
    const c = res.channel;
    this.exposure = {
      isPrivate: c?.is_private === true,
      isShared: c?.is_shared === true || c?.is_ext_shared === true,
    };
    return this.exposure;
  }

  private async currentMembers(channel: string): Promise<Set<string> | undefined> {
    if (this.members && this.now() - this.fetchedAt < this.ttlMs) return this.members;
    try {
      this.inflight ??= this.load(channel).finally(() => {
        this.inflight = undefined;
      });
      this.members = await this.inflight;
      this.fetchedAt = this.now();
      return this.members;
    } catch (err) {
      const fresh = this.members && this.now() - this.fetchedAt < STALE_MEMBERS_MS;
      this.log.warn({ err, channel, servedCached: !!fresh }, "could not read the team channel's members");
      return fresh ? this.members : undefined;
    }
  }

  private ownTeamId(): Promise<string> {
    this.ownTeam ??= this.client.auth.test().then((res) => {
      if (!res.team_id) throw new Error("auth.test returned no team_id");
      return res.team_id;
    });
    // A failed lookup is asked again next time instead of being kept.
    this.ownTeam.catch(() => {
      this.ownTeam = undefined;
    });
    return this.ownTeam;
  }

  private async teamOf(userId: string): Promise<string | undefined> {
    const known = this.userTeams.get(userId);
    if (known) return known;
    const res = await this.client.users.info({ user: userId });
    const team = res.user?.team_id;
    if (team) this.userTeams.set(userId, team);
    return team;
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
