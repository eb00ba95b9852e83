/**
 * The fault schedule of a chaos run, drawn from its seed: phases of a few seconds, each with one
 * main fault (every kind comes up once before any repeats) and sometimes a second one on top, at
 * rates high enough to hurt and low enough that work still moves. Under every phase, as in
 * production, a gateway stands in front of HubSoft and fails a quarter of the writes.
 */
import type { FaultsBody } from '../../main/sim/faults';
import type { SeededRandom } from './seeded-random';

export const faultKinds = [
  'latency',
  'resets',
  'serverErrors',
  'htmlErrors',
  'malformedJson',
  'timeoutsAfterCommit',
  'rateLimitBursts',
  'tokenRevocation',
  'appKilled',
] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface Phase {
  durationMs: number;
  kinds: FaultKind[];
  /** What the simulator is told at the start of the phase (it replaces the previous set). */
  faults: FaultsBody;
  /** When in the phase the app is killed with SIGKILL, if it is. */
  killAtMs: number | null;
}

/**
 * A quarter of the writes: half of them 504 after the backend committed, half 502 before it was
 * reached (the second rate applies to the writes the first one spared: 0.125 / 0.875).
 */
export const gatewayFaults: FaultsBody = { gatewayTimeoutRate: 0.125, badGatewayRate: 0.1429 };

function rate(random: SeededRandom, low: number, high: number): number {
  return Math.round((low + random.next() * (high - low)) * 100) / 100;
}

function faultsOf(kind: FaultKind, random: SeededRandom): FaultsBody {
  switch (kind) {
    case 'latency':
      return { latencyMs: random.int(20, 300), jitterMs: random.int(0, 300) };
    case 'resets':
      return { resetRate: rate(random, 0.05, 0.25) };
    case 'serverErrors':
      return { errorRate: rate(random, 0.05, 0.3) };
    case 'htmlErrors':
      return { htmlErrorRate: rate(random, 0.05, 0.3) };
    case 'malformedJson':
      return { malformedRate: rate(random, 0.05, 0.25) };
    case 'timeoutsAfterCommit':
      return { timeoutAfterCommitRate: rate(random, 0.05, 0.25) };
    case 'rateLimitBursts':
      return { rateLimit: { perSecond: random.int(2, 8), burst: random.int(1, 4) } };
    case 'tokenRevocation':
      return { revokeTokens: true };
    case 'appKilled':
      return {};
  }
}

function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export function buildSchedule(random: SeededRandom, totalMs: number): Phase[] {
  const phases: Phase[] = [];
  let deck: FaultKind[] = [];
  let planned = 0;
  while (planned < totalMs) {
    if (deck.length === 0) deck = shuffled(faultKinds, random);
    const main = deck.pop() as FaultKind;
    const kinds = [main];
    if (random.chance(0.4)) {
      const extra = random.pick(faultKinds);
      if (!kinds.includes(extra)) kinds.push(extra);
    }
    // Kills come more often than once a deck: each restart is a recovery worth checking.
    if (!kinds.includes('appKilled') && random.chance(0.2)) kinds.push('appKilled');
    const durationMs = Math.min(random.int(1_500, 4_000), Math.max(totalMs - planned, 500));
    phases.push({
      durationMs,
      kinds,
      faults: Object.assign(
        { ...gatewayFaults },
        ...kinds.map((kind) => faultsOf(kind, random)),
      ) as FaultsBody,
      killAtMs: kinds.includes('appKilled') ? random.int(100, durationMs - 100) : null,
    });
    planned += durationMs;
  }
  return phases;
}
