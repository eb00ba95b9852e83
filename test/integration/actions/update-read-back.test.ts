import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import {
  cacheTickets,
  settled,
  startHarness,
  workableTickets,
  type Harness,
} from '../outbox/harness';

let sim: RunningSimulator;
let harness: Harness;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 73, tickets: 150 });
  harness = await startHarness(sim, { rateLimit: { perSecond: 400, burst: 400 } });
});

afterAll(async () => {
  await harness.close();
  await sim.close();
});

const emAnalise = 25;
const comercial = 125;

describe('reading back a status or type change whose answer never came', () => {
  it('proves the change applied through the labels the detail shows, and never sends it again', async () => {
    const [forStatus, forType] = workableTickets(sim, 40).filter(
      (t) => t.statusId !== emAnalise && t.typeId !== comercial,
    );
    if (!forStatus || !forType) throw new Error('the simulator has no ticket to change');
    const keys = await cacheTickets(harness.store, harness.client, [
      forStatus.protocol,
      forType.protocol,
    ]);
    const actions = createActionsService(harness.current);
    const statusChange = await actions.update(keys.get(forStatus.protocol) ?? '', {
      statusId: emAnalise,
    });
    const typeChange = await actions.update(keys.get(forType.protocol) ?? '', {
      typeId: comercial,
    });

    // Every PUT is applied and answered by the gateway's 504 page.
    sim.setFaults({ gatewayTimeoutRate: 1 });
    harness.sender.start();
    const final = await settled(harness.store, 20_000);
    sim.setFaults({});

    for (const action of [statusChange, typeChange]) {
      const stored = final.find((a) => a.id === action.id);
      expect({ state: stored?.state, error: stored?.lastError ?? null }).toEqual({
        state: 'sent',
        error: null,
      });
    }
    const state = sim.state({ only: 'changed' });
    expect(state.find((t) => t.id === forStatus.id)?.statusId).toBe(emAnalise);
    expect(state.find((t) => t.id === forType.id)?.typeId).toBe(comercial);
  });
});
