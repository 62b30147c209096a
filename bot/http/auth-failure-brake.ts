/**
 * A brake on guessing a bearer token: after `limit` failed attempts from one address within
 * `windowMs`, further failed attempts from it are refused until the oldest one leaves the window.
 *
 * In memory, per process, on purpose: it only has to make guessing slow (a token of 16+ random
 * characters is out of reach at 10 guesses a minute per instance), not enforce an exact quota across
 * instances. Memory is bounded: entries are kept in order of their last attempt, expired ones are
 * dropped from the front, and past `maxAddresses` the longest-quiet address is forgotten.
 */
export class AuthFailureBrake {
  private readonly failures = new Map<string, { times: number[]; loggedAt?: number }>();

  constructor(
    private readonly opts: {
      now: () => Date;
      limit?: number;
      windowMs?: number;
      maxAddresses?: number;
    },
  ) {}

  private get limit() {
    return this.opts.limit ?? 10;
  }
  private get windowMs() {
    return this.opts.windowMs ?? 60_000;
  }

  /**
   * Called for a request whose token was wrong or missing. Either records it (`allowed`: answer
   * 401), or refuses it (`retryAfterSeconds` until the window lets one through; `firstThisWindow`
   * is true once per address and window, for a single log line).
   */
  fail(
    address: string,
  ): { allowed: true } | { allowed: false; retryAfterSeconds: number; firstThisWindow: boolean } {
    const now = this.opts.now().getTime();
    this.dropExpired(now);
    const entry = this.failures.get(address) ?? { times: [] };
    entry.times = entry.times.filter((t) => t > now - this.windowMs);
    // Re-inserting keeps the map ordered by last attempt, so the quietest address is forgotten first.
    this.failures.delete(address);
    this.failures.set(address, entry);
    if (entry.times.length >= this.limit) {
      // A refused attempt is not counted: Retry-After stays true, and one guess per freed slot is
      // all an address gets.
      const oldest = entry.times[0] as number;
      const firstThisWindow = entry.loggedAt === undefined || entry.loggedAt <= now - this.windowMs;
      if (firstThisWindow) entry.loggedAt = now;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)),
        firstThisWindow,
      };
    }
    entry.times.push(now);
    const max = this.opts.maxAddresses ?? 10_000;
    for (const key of this.failures.keys()) {
      if (this.failures.size <= max) break;
      this.failures.delete(key);
    }
    return { allowed: true };
  }

  /** How many addresses are remembered (for tests of the memory bound). */
  get size() {
    return this.failures.size;
  }

  private dropExpired(now: number) {
    for (const [key, entry] of this.failures) {
      if ((entry.times.at(-1) ?? 0) > now - this.windowMs) break;
      this.failures.delete(key);
    }
  }
}
