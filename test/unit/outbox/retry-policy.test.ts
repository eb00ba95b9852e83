import { describe, expect, it } from 'vitest';
import { HubsoftError } from '../../../main/hubsoft/errors';
import {
  ActionRefused,
  classifyFailure,
  retryDelayMs,
  type RetryTiming,
} from '../../../main/outbox/retry-policy';

const timing: RetryTiming = { baseMs: 1_000, maxMs: 60_000, authWaitMs: 30_000 };

describe('retry timing', () => {
  it('doubles the wait with each attempt, jittering its upper half', () => {
    expect(retryDelayMs(1, timing, () => 0)).toBe(500);
    expect(retryDelayMs(1, timing, () => 1)).toBe(1_000);
    expect(retryDelayMs(3, timing, () => 0)).toBe(2_000);
    expect(retryDelayMs(3, timing, () => 1)).toBe(4_000);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(retryDelayMs(40, timing, () => 1)).toBe(60_000);
    expect(retryDelayMs(40, timing, () => 0)).toBe(30_000);
  });
});

describe('what a failure means for an action', () => {
  const failure = (kind: ConstructorParameters<typeof HubsoftError>[0], applied = false) =>
    classifyFailure(new HubsoftError(kind, 'x', applied ? { details: { applied } } : {}));

  it("takes the server's refusals as final", () => {
    expect(failure('validation')).toBe('refused');
    expect(failure('business')).toBe('refused');
    expect(failure('not_found')).toBe('refused');
    expect(classifyFailure(new ActionRefused('arquivo sumiu'))).toBe('refused');
  });

  it('reads back a write whose answer was lost or unreadable', () => {
    expect(failure('ambiguous')).toBe('ambiguous');
    expect(failure('parse', true)).toBe('ambiguous');
    expect(failure('parse')).toBe('transient');
  });

  it('waits for the network or the session without counting it as a try', () => {
    expect(failure('network')).toBe('offline');
    expect(failure('auth')).toBe('auth');
    expect(failure('timeout')).toBe('transient');
    expect(failure('rate_limited')).toBe('transient');
    expect(failure('server')).toBe('transient');
  });

  it('treats our own defects as an unknown outcome', () => {
    expect(classifyFailure(new Error('disco cheio'))).toBe('internal');
  });
});
