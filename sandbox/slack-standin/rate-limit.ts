import type { PostRate } from "./types.ts";

/** Slack's posting rate per channel for chat.postMessage: a token bucket per channel. */
export class PostRateLimit {
  private buckets = new Map<string, { tokens: number; last: number }>();

  constructor(private rate: PostRate | undefined) {}

  set(rate: PostRate | undefined): void {
    this.rate = rate;
    this.buckets.clear();
  }

  clear(): void {
    this.buckets.clear();
  }

  /** Takes a token for a post into `channel`; when none is left, the Retry-After in seconds. */
  take(channel: string): number | undefined {
    if (!this.rate) return undefined;
    const now = Date.now();
    const b = this.buckets.get(channel) ?? { tokens: this.rate.burst, last: now };
    b.tokens = Math.min(this.rate.burst, b.tokens + (now - b.last) / this.rate.perMs);
    b.last = now;
    this.buckets.set(channel, b);
    if (b.tokens < 1) {
      const wait = Math.ceil(((1 - b.tokens) * this.rate.perMs) / 1000);
      return Math.max(1, wait);
    }
    b.tokens -= 1;
    return undefined;
  }
}
