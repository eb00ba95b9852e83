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
  sim = await startSimulator({ port: 0, seed: 41, tickets: 400 });
  harness = await startHarness(sim, {
    timeoutMs: 1_500,
    rateLimit: { perSecond: 400, burst: 400 },
    concurrency: 16,
  });
});

afterAll(async () => {
  await harness.close();
  await sim.close();
});

const inEmAnalise = 25;

function textOf(action: OutboxAction): string | null {
  if (action.kind === 'reply') return action.payload.text;
  if (action.kind === 'create') return action.payload.description;
  return null;
}

describe('the outbox against a flaky server', () => {
  it('delivers 200 actions exactly once despite lost answers and resets', async () => {
    const tickets = workableTickets(sim, 60);
    const replyTargets = tickets.slice(0, 40);
    const serviceIds = [...new Set(tickets.slice(40).map((t) => t.serviceId))].slice(0, 10);
    expect(serviceIds).toHaveLength(10);
    const keys = await cacheTickets(
      harness.store,
      harness.client,
      replyTargets.map((t) => t.protocol),
    );
    const keyOf = (protocol: string): string => keys.get(protocol) ?? '';
    const actions = createActionsService(harness.current);

    sim.setFaults({ timeoutAfterCommitRate: 0.2, resetRate: 0.1, rateLimit: null });
    harness.sender.start();

    const queued: OutboxAction[] = [];
    const creates: { action: OutboxAction; followUp: OutboxAction }[] = [];
    for (const [index, serviceId] of serviceIds.entries()) {
      const action = await actions.create({
        serviceId,
        description: `Cliente sem conexão desde ontem, caso ${index}`,
        name: 'Maria da Silva',
        phone: '11987654321',
      });
      const followUp = await actions.reply(
        action.ticketKey,
        `Acompanhamento do caso ${index}: técnico avisado`,
      );
      queued.push(action, followUp);
      creates.push({ action, followUp });
    }
    const repliesByTicket = new Map<number, OutboxAction[]>();
    for (let round = 0; round < 4; round += 1) {
      for (const ticket of replyTargets) {
        const text = `Resposta ${round} ao atendimento ${ticket.protocol}`;
        const reply = await actions.reply(keyOf(ticket.protocol), text);
        queued.push(reply);
        repliesByTicket.set(ticket.id, [...(repliesByTicket.get(ticket.id) ?? []), reply]);
      }
    }
    const updated = replyTargets.slice(0, 10);
    for (const ticket of updated) {
      queued.push(await actions.update(keyOf(ticket.protocol), { statusId: inEmAnalise }));
    }
    const closed = replyTargets.slice(10, 20);
    for (const ticket of closed) {
      queued.push(await actions.close(keyOf(ticket.protocol), { description: 'Resolvido' }));
    }
    expect(queued).toHaveLength(200);

    const final = await settled(harness.store, 80_000);
    sim.setFaults({});
    const attention = final.filter((a) => a.state === 'needs_attention');
    const heldBehind = final.filter((a) => a.state === 'queued');
    console.log(
      `outbox under faults: ${final.filter((a) => a.state === 'sent').length} sent, ` +
        `${attention.length} needing attention (unprovable read-back), ` +
        `${heldBehind.length} queued behind them`,
    );
    // Anything not sent waits for the agent because its outcome could not be proven.
    for (const action of attention) {
      expect(action.lastError?.message).toMatch(/Não foi possível confirmar no HubSoft/);
    }
    const attentionTickets = new Set(attention.map((a) => a.ticketKey));
    for (const action of heldBehind) expect(attentionTickets.has(action.ticketKey)).toBe(true);
    const others = final.filter((a) => !['sent', 'needs_attention', 'queued'].includes(a.state));
    expect(others).toEqual([]);
    const sent = new Set(final.filter((a) => a.state === 'sent').map((a) => a.id));

    // Exactly once, counted on the server: sent actions once, the others at most once.
    const counts = messageCounts(sim);
    const state = sim.state({ only: 'changed' });
    for (const action of queued) {
      const text = textOf(action);
      if (text === null) continue;
      const count =
        action.kind === 'reply'
          ? (counts.get(text) ?? 0)
          : state.filter((t) => t.description.startsWith(text)).length;
      if (sent.has(action.id)) expect({ text, count }).toEqual({ text, count: 1 });
      else expect(count).toBeLessThanOrEqual(1);
    }
    // In order per ticket: round 0 before round 1, and so on.
    for (const ticket of replyTargets) {
      const expected = (repliesByTicket.get(ticket.id) ?? [])
        .filter((a) => sent.has(a.id))
        .map(textOf);
      const texts = new Set(expected);
      const record = state.find((t) => t.id === ticket.id);
      expect(record?.messages.map((m) => m.text).filter((text) => texts.has(text))).toEqual(
        expected,
      );
    }
    const sentOn = (key: string, kind: OutboxAction['kind']): boolean =>
      queued.some((a) => a.ticketKey === key && a.kind === kind && sent.has(a.id));
    for (const ticket of updated) {
      if (sentOn(keyOf(ticket.protocol), 'update')) {
        expect(state.find((t) => t.id === ticket.id)?.statusId).toBe(inEmAnalise);
      }
    }
    for (const ticket of closed) {
      if (sentOn(keyOf(ticket.protocol), 'close')) {
        expect(state.find((t) => t.id === ticket.id)?.closedAt).not.toBeNull();
      }
    }
    // Follow-ups of tickets created here went to the ticket the server made, by its id.
    for (const { action, followUp } of creates) {
      if (!sent.has(followUp.id)) continue;
      const stored = await harness.store.getTicket(action.ticketKey);
      const record = state.find((t) => t.id === stored?.id);
      expect(record?.description.startsWith(textOf(action) ?? '')).toBe(true);
      expect(record?.messages.map((m) => m.text)).toEqual([textOf(followUp)]);
    }
  }, 100_000);
});
