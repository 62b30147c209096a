import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";

import type { ChannelExposure, MembershipAnswer } from "../../domain/team/membership.ts";

/** Past this, a member list Slack could not refresh is too old to decide who is on the team. */
export const STALE_MEMBERS_MS = 10 * 60_000;

/** What users.info says of a user that decides whether they can be on the team. */
interface UserFacts {
  team: string | undefined;
  /** The bot itself, another app's bot user, or Slackbot: never a team member. */
  isBot: boolean;
}

/** At most this many users' facts are kept (a user's organisation never changes). */
const MAX_KNOWN_USERS = 10_000;

/**
 * Who is on the team: the members of SLACK_CHANNEL_ID, from conversations.members, cached briefly,
 * who belong to the app's own organisation (auth.test → team_id) and are people, not bots. A
 * user's organisation comes from users.info (cached per user), never from a payload: a slash
 * command's `team_id` names the workspace it ran in, which for a Slack Connect user is ours.
 * In a Slack Connect channel, people of another organisation are channel members too, but not the team.
 * When Slack cannot be asked, the last list fetched within STALE_MEMBERS_MS is used; past that,
 * or without one, the answer is "unknown". A member_joined/left_channel event wins over a list
 * fetched before it: such a list is neither stored nor used.
 */
export class TeamMembership {
  private members: Set<string> | undefined;
  private fetchedAt = 0;
  private inflight: { generation: number; list: Promise<Set<string>> } | undefined;
  /** Counts membership events: a list fetched under an older generation is out of date. */
  private generation = 0;
  private ownTeam: Promise<string> | undefined;
  /** A user's organisation never changes, so users.info is asked once per user. */
  private userFacts = new Map<string, UserFacts>();
  /** Set at start when the channel is public or shared; shown on members' App Home. */
  exposure: ChannelExposure | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly channelId: string | undefined,
    private readonly log: Logger,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Whether `userId` is on the team: a member of the team channel, of the app's own organisation
   * (users.info), and a person (not a bot or app). Serves the guard of every request and every
   * input that names a person (handlers/shared/person-input.ts).
   */
  async check(userId: string): Promise<MembershipAnswer> {
    if (!this.channelId) return "not-member";
    const members = await this.currentMembers(this.channelId);
    if (!members) return "unknown";
    if (!members.has(userId)) return "not-member";
    try {
      const [own, theirs] = await Promise.all([this.ownTeamId(), this.factsOf(userId)]);
      return own === theirs.team && !theirs.isBot ? "member" : "not-member";
    } catch (err) {
      this.log.warn({ err, user: userId }, "could not tell which organisation a user belongs to");
      return "unknown";
    }
  }

  /**
   * Forget the cached list, so that the next check asks Slack (member_joined/left_channel). A list
   * still being fetched was asked for before the event: it is thrown away, not stored.
   */
  invalidate(): void {
    this.generation += 1;
    this.members = undefined;
    this.fetchedAt = 0;
    this.inflight = undefined;
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
      // A membership event during the fetch makes its list out of date: fetch again (a few times at
      // most, so that a burst of joins cannot keep a request waiting).
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const fetch = this.startLoad(channel);
        const list = await fetch.list;
        if (fetch.generation !== this.generation) continue;
        this.members = list;
        this.fetchedAt = this.now();
        return list;
      }
      throw new Error("the team channel's members changed during every fetch");
    } catch (err) {
      const fresh = this.members && this.now() - this.fetchedAt < STALE_MEMBERS_MS;
      this.log.warn({ err, channel, servedCached: !!fresh }, "could not read the team channel's members");
      return fresh ? this.members : undefined;
    }
  }

  private startLoad(channel: string): { generation: number; list: Promise<Set<string>> } {
    if (this.inflight?.generation === this.generation) return this.inflight;
    const fetch = { generation: this.generation, list: this.load(channel) };
    this.inflight = fetch;
    const done = () => {
      if (this.inflight === fetch) this.inflight = undefined;
    };
    fetch.list.then(done, done);
    return fetch;
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

  private async factsOf(userId: string): Promise<UserFacts> {
    const known = this.userFacts.get(userId);
    if (known) return known;
    const res = await this.client.users.info({ user: userId });
    const u = res.user;
    const facts: UserFacts = {
      team: u?.team_id,
      isBot: u?.is_bot === true || u?.is_app_user === true || userId === "USLACKBOT",
    };
    if (facts.team) {
      if (this.userFacts.size >= MAX_KNOWN_USERS) this.userFacts.clear();
      this.userFacts.set(userId, facts);
    }
    return facts;
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
