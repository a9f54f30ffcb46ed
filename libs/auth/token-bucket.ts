export interface RateVerdict { allowed: boolean; retryAfterSeconds: number }

interface Bucket { tokens: number; updatedAt: number; lastReportedAt: number }

const MAX_KEYS = 100_000;

/**
 * Per-key token buckets held in memory: a burst of up to `limit` requests, refilled at `limit` per `windowMs`.
 * One API process, one set of buckets (see README, "Abuse and faults"). `limit` 0 lets everything through.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(readonly limit: number, readonly windowMs: number, private readonly now: () => number = Date.now) {
    this.perMs = limit / windowMs;
  }

  take(key: string): RateVerdict {
    if (this.limit <= 0) return { allowed: true, retryAfterSeconds: 0 };
    const now = this.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** True at most once per window per key: refusals are reported, not each one of a flood. */
  shouldReport(key: string): boolean {
    const now = this.now();
    const bucket = this.refilled(key, now);
    if (bucket.lastReportedAt !== 0 && now - bucket.lastReportedAt < this.windowMs) return false;
    bucket.lastReportedAt = now;
    return true;
  }

  private refilled(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_KEYS) this.forgetFull(now);
      bucket = { tokens: this.limit, updatedAt: now, lastReportedAt: 0 };
      this.buckets.set(key, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    return bucket;
  }

  /** A bucket that has refilled completely carries no information; drop those when the map grows large. */
  private forgetFull(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.updatedAt) * this.perMs >= this.limit && now - b.lastReportedAt >= this.windowMs) this.buckets.delete(key);
    }
  }
}
