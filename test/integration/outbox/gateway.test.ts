import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import type { OutboxAction } from '../../../main/store/types';
import {
  cacheTickets,
  messageCounts,
  settled,
  startHarness,
  workableTickets,
  type Harness,
} from './harness';

let sim: RunningSimulator;
let harness: Harness;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 57, tickets: 300 });
  harness = await startHarness(sim, {
    timeoutMs: 2_000,
    rateLimit: { perSecond: 400, burst: 400 },
    concurrency: 8,
  });
});

afterAll(async () => {
  await harness.close();
  await sim.close();
});

describe('the outbox behind a gateway that answers 504 after the backend committed', () => {
  it('lands every reply, new ticket and close exactly once when a gateway page answers many writes', async () => {
    const tickets = workableTickets(sim, 40);
    const replyTargets = tickets.slice(0, 24);
    const closeTargets = tickets.slice(24, 30);
    const serviceIds = [...new Set(tickets.slice(30).map((t) => t.serviceId))].slice(0, 6);
    const keys = await cacheTickets(
      harness.store,
      harness.client,
      [...replyTargets, ...closeTargets].map((t) => t.protocol),
    );
    const keyOf = (protocol: string): string => keys.get(protocol) ?? '';
    const actions = createActionsService(harness.current);

    sim.setFaults({ gatewayTimeoutRate: 0.3, badGatewayRate: 0.15, rateLimit: null });
    harness.sender.start();

    const replies: OutboxAction[] = [];
    for (const [round, ticket] of [...replyTargets, ...replyTargets].entries()) {
      replies.push(
        await actions.reply(
          keyOf(ticket.protocol),
          `Retorno ${round} pelo portal, ${ticket.protocol}`,
        ),
      );
    }
    const creates: OutboxAction[] = [];
    for (const [index, serviceId] of serviceIds.entries()) {
      creates.push(
        await actions.create({
          serviceId,
          description: `Sem sinal na fibra desde a chuva, caso ${index} do portal`,
          name: 'José Pereira',
          phone: '81987654321',
        }),
      );
    }
    for (const ticket of closeTargets) {
      await actions.close(keyOf(ticket.protocol), { description: 'Resolvido no portal' });
    }

    const final = await settled(harness.store, 60_000);
    sim.setFaults({});
    // Each write either proved applied by read-back or sent again: none waits, none is duplicated.
    expect(final.filter((a) => a.state !== 'sent').map((a) => a.lastError)).toEqual([]);
    const counts = messageCounts(sim);
    for (const reply of replies) {
      const text = reply.kind === 'reply' ? reply.payload.text : '';
      expect({ text, count: counts.get(text) ?? 0 }).toEqual({ text, count: 1 });
    }
    const state = sim.state({ only: 'changed' });
    for (const create of creates) {
      const text = create.kind === 'create' ? create.payload.description : '';
      const count = state.filter((t) => t.description.startsWith(text)).length;
      expect({ text, count }).toEqual({ text, count: 1 });
    }
    for (const ticket of closeTargets) {
      expect(state.find((t) => t.id === ticket.id)?.closedAt).not.toBeNull();
    }
  }, 90_000);
});
