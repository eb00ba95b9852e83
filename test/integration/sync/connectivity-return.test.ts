/**
 * Issue 13: the app notices the server is back within about one probe interval of it answering
 * again, whether the link resets connections or swallows requests. The simulator over real HTTP,
 * the app's own probe (a HubSoft read through the client), test timings injected.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultsBody } from '../../../main/sim/faults';
import { createConnectivity, type ProbeTimer } from '../../../main/sync/connectivity';
import { hubsoftProbe } from '../../../main/sync/remote-call';
import { clientFor, eventually, resources } from './sync-fixture';

const r = resources();
afterEach(() => r.cleanup());

/** Test timings: the cap is what "about 5 seconds" is in the app (connectivity.ts). */
const timings = { baseMs: 10, maxMs: 80, timeoutMs: 5_000 };

type ProbeOutcome = 'pending' | 'up' | 'down';

describe('noticing the server is back', () => {
  it.each<[string, FaultsBody]>([
    ['swallows every request', { timeoutAfterCommitRate: 1 }],
    ['resets every connection', { resetRate: 1 }],
  ])(
    'when the server %s and then answers again, the first probe after it answers brings the app online',
    async (_, outage) => {
      const sim = await r.sim({ tickets: 20 });
      const client = clientFor(sim.url, {
        retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 5 },
      });
      // Signed in before the outage, as the app is: the probe needs no new token.
      await client.getConfigList('ticketStatuses');
      const probe = hubsoftProbe(client);
      const outcomes: ProbeOutcome[] = [];
      const delays: number[] = [];
      const probeTimer: ProbeTimer = (run, delayMs) => {
        delays.push(delayMs);
        const timer = setTimeout(run, delayMs);
        return () => clearTimeout(timer);
      };
      const connectivity = createConnectivity({
        probe: async (signal) => {
          const index = outcomes.push('pending') - 1;
          const reachable = await probe(signal);
          outcomes[index] = reachable ? 'up' : 'down';
          return reachable;
        },
        probeBackoff: timings,
        probeTimer,
      });

      sim.setFaults(outage);
      connectivity.report('unreachable');
      connectivity.report('unreachable');
      expect(connectivity.online).toBe(false);
      // Long enough for the waits to grow to their cap.
      await eventually(() => outcomes.length >= 8, 'eight probes during the outage');
      expect(connectivity.online).toBe(false);

      sim.setFaults({});
      const startedBeforeReturn = outcomes.length;
      await connectivity.whenOnline();

      // Brought online by a probe sent once the server answered (one may have been on its way).
      expect(outcomes.indexOf('up')).toBeGreaterThanOrEqual(startedBeforeReturn - 1);
      if (outage.timeoutAfterCommitRate) {
        // The probes swallowed by the outage were still waiting: they held nothing back.
        expect(outcomes.slice(0, startedBeforeReturn - 1)).toContain('pending');
      } else {
        expect(outcomes.slice(0, startedBeforeReturn - 1)).not.toContain('up');
      }
      // Backing off, but never waiting longer than the cap between two probes.
      expect(Math.max(...delays)).toBeLessThanOrEqual(timings.maxMs);
      expect(delays.some((delay) => delay > timings.maxMs / 2)).toBe(true);
      connectivity.stop();
    },
  );

  it('a probe given up after its timeout does not count as an answer', async () => {
    const sim = await r.sim({ tickets: 20 });
    const client = clientFor(sim.url);
    await client.getConfigList('ticketStatuses');
    const probe = hubsoftProbe(client);
    const outcomes: boolean[] = [];
    const connectivity = createConnectivity({
      probe: async (signal) => {
        const reachable = await probe(signal);
        outcomes.push(reachable);
        return reachable;
      },
      probeBackoff: { baseMs: 10, maxMs: 40, timeoutMs: 30 },
    });
    sim.setFaults({ timeoutAfterCommitRate: 1 });
    connectivity.report('unreachable');
    connectivity.report('unreachable');
    await eventually(() => outcomes.length >= 3, 'three probes given up');
    expect(outcomes.slice(0, 3)).toEqual([false, false, false]);
    expect(connectivity.online).toBe(false);
    connectivity.stop();
  });

  it('the app probes at most 5 seconds apart however long the outage lasts', async () => {
    const delays: number[] = [];
    const connectivity = createConnectivity({
      probe: () => Promise.resolve(false),
      initialOnline: false,
      probeTimer: (run, delayMs) => {
        delays.push(delayMs);
        // Runs the probes back to back, without waiting: only the delays asked for matter here.
        if (delays.length < 40) queueMicrotask(run);
        return () => undefined;
      },
    });
    await eventually(() => delays.length >= 40, 'forty probes');
    expect(Math.max(...delays.slice(1))).toBeLessThanOrEqual(5_000);
    expect(Math.max(...delays.slice(1))).toBeGreaterThan(2_500);
    connectivity.stop();
  });
});
