/**
 * Client-side token bucket: HubSoft allows about 20 requests/s with a burst of 200 and answers
 * 429 beyond it, so the client stays a little under by default. Callers reserve a slot and wait
 * their turn; a 429 pauses everyone for the time the server asked.
 */
import { sleep } from './backoff';

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export const defaultRateLimit: RateLimit = { perSecond: 15, burst: 30 };

/**
 * Fact 19: `/oauth/token` has its own budget, 30 per minute (burst 20). Grants take from a bucket
 * of their own, a little under it, so signing in never spends the API's budget nor the reverse.
 */
export const defaultGrantRateLimit: RateLimit = { perSecond: 25 / 60, burst: 10 };

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;

  constructor(
    private readonly limit: RateLimit = defaultRateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limit.burst;
    this.refilledAt = now();
  }

  private refill(): void {
    const at = this.now();
    const earned = ((at - this.refilledAt) / 1000) * this.limit.perSecond;
    this.tokens = Math.min(this.limit.burst, this.tokens + earned);
    this.refilledAt = at;
  }

  /** Waits until this caller may send; an aborted wait gives its slot back. */
  async take(signal?: AbortSignal): Promise<void> {
    this.refill();
    this.tokens -= 1;
    const queueWait = this.tokens >= 0 ? 0 : (-this.tokens / this.limit.perSecond) * 1000;
    const wait = Math.max(queueWait, this.pausedUntil - this.now());
    if (wait <= 0) return;
    try {
      await sleep(wait, signal);
    } catch (error) {
      this.tokens += 1;
      throw error;
    }
  }

  /** After a 429: nobody sends for `ms`, and the burst starts empty again. */
  pauseFor(ms: number): void {
    this.refill();
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    this.tokens = Math.min(this.tokens, 0);
  }
}
