/**
 * The open_service_order kind end to end: the real client, sender and store against the
 * simulator over HTTP (facts 41 to 43), offline, behind a gateway that commits and answers 504,
 * and refused by the ticket's type.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { TYPES } from '../../../main/sim/catalog';
import type { TicketRecord } from '../../../main/sim/records';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import type { OpenServiceOrderPayload } from '../../../main/store/types';
import {
  cacheTickets,
  settled,
  startHarness,
  waitFor,
  workableTickets,
  type Harness,
} from '../outbox/harness';

let sim: RunningSimulator;
let harness: Harness;

beforeEach(async () => {
  sim = await startSimulator({ port: 0, seed: 41, tickets: 300 });
  harness = await startHarness(sim, {
    timeoutMs: 2_000,
    rateLimit: { perSecond: 400, burst: 400 },
  });
});

afterEach(async () => {
  await harness.close();
  await sim.close();
});

function ticketsAllowingOrders(allow: boolean, count: number): TicketRecord[] {
  const technical = new Set(TYPES.filter((type) => type.technical).map((type) => type.id));
  const found = workableTickets(sim, 100).filter((t) => technical.has(t.typeId) === allow);
  if (found.length < count) throw new Error(`only ${found.length} such tickets`);
  return found.slice(0, count);
}

function order(description: string, startTime = '08:00'): OpenServiceOrderPayload {
  return {
    typeId: 16,
    technicianId: 11,
    scheduledDate: '2026-12-14',
    startTime,
    endTime: '11:30',
    availability: ['manha'],
    description,
  };
}

function ordersOn(ticket: TicketRecord) {
  return sim.state({ protocol: ticket.protocol })[0]?.serviceOrders ?? [];
}

describe('opening a service order from a ticket', () => {
  it('queued offline, lands once with its technician and schedule, and shows on the ticket', async () => {
    const [ticket] = ticketsAllowingOrders(true, 1) as [TicketRecord];
    const keys = await cacheTickets(harness.store, harness.client, [ticket.protocol]);
    const key = keys.get(ticket.protocol) ?? '';
    const before = ordersOn(ticket).length;
    sim.setFaults({ resetRate: 1, rateLimit: null });
    harness.sender.start();

    const queued = await createActionsService(harness.current).openServiceOrder(
      key,
      order('Trocar o conector óptico da casa'),
    );
    const pending = await harness.store.getTicket(key);
    expect(pending?.pending.map((action) => action.kind)).toEqual(['open_service_order']);
    await waitFor(
      async () => ((await harness.store.getAction(queued.id))?.lastError ?? null) !== null,
      10_000,
    );
    expect(ordersOn(ticket)).toHaveLength(before);

    sim.setFaults({ rateLimit: null });
    harness.connectivity.report('reachable');
    harness.sender.kick();
    const final = await settled(harness.store, 30_000);

    expect(final.map((action) => action.state)).toEqual(['sent']);
    const added = ordersOn(ticket).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      typeId: 16,
      technicianIds: [11],
      availabilityIds: [4],
      description: 'Trocar o conector óptico da casa',
      status: 'aguardando_agendamento',
    });
    expect(new Date(added[0]?.scheduledStart ?? 0).toISOString()).toBe('2026-12-14T11:00:00.000Z');
    const shown = await harness.store.getTicket(key);
    expect(shown?.pending).toEqual([]);
    expect(shown?.serviceOrders.map((o) => o.id)).toContain(added[0]?.id);
  }, 60_000);

  it('behind a gateway that commits and then answers 504, opens each order once, even two alike', async () => {
    const tickets = ticketsAllowingOrders(true, 6);
    const keys = await cacheTickets(
      harness.store,
      harness.client,
      tickets.map((t) => t.protocol),
    );
    const before = new Map(tickets.map((t) => [t.id, ordersOn(t).length]));
    const actions = createActionsService(harness.current);
    sim.setFaults({ gatewayTimeoutRate: 1, rateLimit: null });
    harness.sender.start();

    for (const ticket of tickets) {
      const key = keys.get(ticket.protocol) ?? '';
      await actions.openServiceOrder(key, order(`Visita ao ${ticket.protocol}`));
    }
    // The same order twice on one ticket: each action claims its own.
    const twice = tickets[0] as TicketRecord;
    await actions.openServiceOrder(
      keys.get(twice.protocol) ?? '',
      order(`Visita ao ${twice.protocol}`),
    );

    const final = await settled(harness.store, 60_000);
    sim.setFaults({});
    expect(final.filter((a) => a.state !== 'sent').map((a) => a.lastError)).toEqual([]);
    for (const ticket of tickets) {
      const added = ordersOn(ticket).length - (before.get(ticket.id) ?? 0);
      expect({ ticket: ticket.protocol, added }).toEqual({
        ticket: ticket.protocol,
        added: ticket === twice ? 2 : 1,
      });
    }
    const claimed = final.map(
      (a) => (a.result as { serviceOrder?: { id: number } } | null)?.serviceOrder?.id,
    );
    expect(new Set(claimed).size).toBe(claimed.length);
  }, 90_000);

  it('on a ticket whose type allows no O.S., fails with the server words and opens nothing', async () => {
    const [ticket] = ticketsAllowingOrders(false, 1) as [TicketRecord];
    const keys = await cacheTickets(harness.store, harness.client, [ticket.protocol]);
    const before = ordersOn(ticket).length;
    sim.setFaults({ rateLimit: null });
    harness.sender.start();

    const queued = await createActionsService(harness.current).openServiceOrder(
      keys.get(ticket.protocol) ?? '',
      order('Instalar roteador novo'),
    );
    await waitFor(
      async () => (await harness.store.getAction(queued.id))?.state === 'failed',
      20_000,
    );

    const failed = await harness.store.getAction(queued.id);
    expect(failed?.lastError?.message).toBe(
      'O tipo de atendimento não permite a abertura de ordem de serviço.',
    );
    expect(failed?.payload).toMatchObject({ description: 'Instalar roteador novo' });
    expect(ordersOn(ticket)).toHaveLength(before);
  }, 60_000);
});
