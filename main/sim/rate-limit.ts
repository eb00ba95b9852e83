/** A token bucket: `perSecond` requests on average, bursts up to `burst`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = now;
  }

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(now: number): number {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsed * this.limit.perSecond);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.limit.perSecond));
  }
}

export const DEFAULT_API_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 200 };
/** Fact 19: 30 per minute on `/oauth/token`, burst 20. */
export const OAUTH_RATE_LIMIT: RateLimit = { perSecond: 0.5, burst: 20 };
