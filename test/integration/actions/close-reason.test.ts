import { afterEach, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import {
  cacheTickets,
  settled,
  startHarness,
  workableTickets,
  type Harness,
} from '../outbox/harness';

let sim: RunningSimulator | null = null;
let harness: Harness | null = null;

afterEach(async () => {
  await harness?.close();
  await sim?.close();
  harness = null;
  sim = null;
});

async function closeOne(
  running: RunningSimulator,
  reasonId: number,
): Promise<{ harness: Harness; ticketId: number }> {
  const opened = await startHarness(running);
  const [target] = workableTickets(running, 1);
  if (!target) throw new Error('no ticket to close');
  const keys = await cacheTickets(opened.store, opened.client, [target.protocol]);
  await createActionsService(opened.current).close(keys.get(target.protocol) ?? '', {
    reasonId,
    description: 'Sinal normalizado após troca do conector.',
    closingStatus: 'sem_conclusao',
  });
  opened.sender.start();
  return { harness: opened, ticketId: target.id };
}

describe('a close queued by the agent', () => {
  it('reaches HubSoft with the chosen reason and closing status, and is sent without a warning', async () => {
    sim = await startSimulator({ port: 0, seed: 8, tickets: 60 });
    const closed = await closeOne(sim, 103);
    harness = closed.harness;
    const [action] = await settled(harness.store, 20_000);
    expect(action).toMatchObject({ kind: 'close', state: 'sent', result: null });
    const record = sim.state().find((ticket) => ticket.id === closed.ticketId);
    expect(record).toMatchObject({ closingReasonId: 103, closingStatus: 'sem_conclusao' });
  });

  it('is sent with a warning naming both reasons when the server keeps another one', async () => {
    sim = await startSimulator({ port: 0, seed: 8, tickets: 60 });
    sim.setFaults({ ignoreClosingReason: true });
    const closed = await closeOne(sim, 103);
    harness = closed.harness;
    const [action] = await settled(harness.store, 20_000);
    expect(action).toMatchObject({
      kind: 'close',
      state: 'sent',
      result: { closingReasonMismatch: { sent: 103, applied: 5 } },
    });
    expect(sim.state().find((ticket) => ticket.id === closed.ticketId)?.closedAt).not.toBeNull();
  });
});
