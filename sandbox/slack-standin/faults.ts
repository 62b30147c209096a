/** Fault injection: answer a method with Slack's 429, an HTTP error, a Slack error or a delay. */

export type Fault =
  | { kind: "ratelimited"; retryAfter: number }
  | { kind: "http"; status: number }
  | { kind: "error"; error: string }
  | { kind: "delay"; ms: number };

interface FaultRule {
  method: string | "*";
  fault: Fault;
  /** How many calls it applies to; Infinity for all. */
  remaining: number;
  /** Probability per call (0..1) instead of every call. */
  rate: number;
}

/** The faults still to inject, with a seeded random source so that fault patterns repeat. */
export class Faults {
  private rules: FaultRule[] = [];
  private random: () => number;

  constructor(seed = 42) {
    this.random = () => {
      // mulberry32: repeatable fault patterns
      seed |= 0;
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  add(method: string | "*", fault: Fault, opts: { times?: number; rate?: number } = {}): void {
    this.rules.push({
      method,
      fault,
      remaining: opts.times ?? Number.POSITIVE_INFINITY,
      rate: opts.rate ?? 1,
    });
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * The fault that answers this call of `method`, if any. Delays are waited out here (and the next
   * rule is looked at); any other fault ends the call.
   */
  async take(method: string): Promise<Exclude<Fault, { kind: "delay" }> | undefined> {
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || (rule.method !== "*" && rule.method !== method)) continue;
      if (rule.rate < 1 && this.random() >= rule.rate) continue;
      rule.remaining -= 1;
      const f = rule.fault;
      if (f.kind === "delay") {
        await new Promise((r) => setTimeout(r, f.ms));
        continue;
      }
      return f;
    }
    return undefined;
  }
}
