import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../main/hubsoft/backoff';
import { HubsoftError } from '../../../main/hubsoft/errors';
import { TokenBucket } from '../../../main/hubsoft/rate-limit';

/** Whether a promise has settled after the current microtasks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('the client-side rate limit', () => {
  it('lets a burst through at once and makes the next caller wait', async () => {
    const frozen = () => 1_000;
    const bucket = new TokenBucket({ perSecond: 1, burst: 2 }, frozen);
    expect(await settled(bucket.take())).toBe(true);
    expect(await settled(bucket.take())).toBe(true);
    const controller = new AbortController();
    const third = bucket.take(controller.signal);
    expect(await settled(third)).toBe(false);
    controller.abort();
    await expect(third).rejects.toBeInstanceOf(HubsoftError);
  });

  it('gives an aborted caller slot back to the next one', async () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 1, burst: 1 }, () => now);
    await bucket.take();
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'cancelled' });
    now = 1_000;
    expect(await settled(bucket.take())).toBe(true);
  });

  it('holds everyone after a 429 for as long as the server asked', async () => {
    const bucket = new TokenBucket({ perSecond: 100, burst: 100 }, () => 5_000);
    bucket.pauseFor(60_000);
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    expect(await settled(waiting)).toBe(false);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

describe('retry backoff', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles its ceiling each retry up to the cap', () => {
    const highest = () => 1;
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(retry, policy, highest))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('spreads retries with jitter below the ceiling', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
  });
});
