import { describe, expect, it } from 'vitest';
import { runChaos } from './chaos-run';
import { faultKinds } from './schedule';

/** A fixed seed keeps `npm test` reproducible; CHAOS_SEED tries another schedule. */
const seed = Number(process.env.CHAOS_SEED ?? 20_261_126);

describe('the app under a seeded storm of faults and kills', () => {
  it('applies every queued action once or leaves it for the agent with its reason, keeps every draft and agrees with the server', async () => {
    const { figures, violations } = await runChaos({ seed, durationMs: 25_000 });
    console.log(`chaos seed ${seed}: ${JSON.stringify(figures)}`);

    expect(violations).toEqual([]);
    expect(figures.duplicates).toBe(0);
    expect(figures.lost).toBe(0);
    expect(figures.draftsIntact).toBe(figures.draftKeys);
    expect(figures.ticketsConsistent).toBe(figures.ticketsChecked);
    // The run must have been hard enough to prove something.
    for (const kind of faultKinds)
      expect({ kind, phases: figures.faultPhases[kind] }).not.toEqual({ kind, phases: 0 });
    expect(figures.kills).toBeGreaterThan(0);
    expect(figures.faultsMet.gatewayTimeout).toBeGreaterThan(0);
    expect(figures.sent).toBeGreaterThan(50);
    expect(figures.draftsSaved).toBeGreaterThan(20);
    expect(figures.ticketsChecked).toBeGreaterThan(20);
  }, 120_000);
});
