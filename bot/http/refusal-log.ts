/**
 * Says when a refused request is worth a log line: at most one per address and `intervalMs`, with
 * how many were refused from that address since its last line (this one included). Someone
 * hammering an endpoint with bad requests must not flood the log, but must not vanish from it either.
 *
 * In memory, per process; bounded like AuthFailureBrake: past `maxAddresses` the address quiet
 * longest is forgotten.
 */
export class RefusalLog {
  private readonly addresses = new Map<string, { loggedAt: number; count: number }>();

  constructor(private readonly opts: { now: () => number; intervalMs?: number; maxAddresses?: number }) {}

  /** Counts a refusal; returns the count to log now, or undefined when this one stays quiet. */
  refused(address: string): number | undefined {
    const now = this.opts.now();
    const interval = this.opts.intervalMs ?? 60_000;
    const entry = this.addresses.get(address);
    // Re-inserting keeps the map in order of the last refusal, so the quietest is forgotten first.
    this.addresses.delete(address);
    if (entry && now - entry.loggedAt < interval) {
      entry.count += 1;
      this.addresses.set(address, entry);
      return undefined;
    }
    const count = (entry?.count ?? 0) + 1;
    this.addresses.set(address, { loggedAt: now, count: 0 });
    const max = this.opts.maxAddresses ?? 10_000;
    for (const key of this.addresses.keys()) {
      if (this.addresses.size <= max) break;
      this.addresses.delete(key);
    }
    return count;
  }
}
