import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import type { TicketListQuery } from '../../../main/store/types';
import { remoteTicket, tempDirs } from './fixtures';

const dirs = tempDirs();
let store: StoreCore;

beforeEach(() => {
  store = StoreCore.open(join(dirs.make(), 'profile.sqlite'));
});
afterEach(() => {
  store.close();
  dirs.cleanup();
});

const agent = 4903;
const dayStart = '2024-03-01T03:00:00.000Z';

/** A morning's inbox, one ticket per situation the sidebar's views tell apart. */
function seedMorning() {
  store.upsertRemoteTickets([
    remoteTicket(1, { sla: { remaining: '1h 30min', percentRemaining: 6 } }),
    remoteTicket(2, {
      sla: { remaining: '0h 10min', percentRemaining: 0 },
      responsibleUserIds: [agent],
    }),
    remoteTicket(3, { sla: { remaining: '-5h 20min', percentRemaining: 0 } }),
    remoteTicket(4, {
      sla: { remaining: '-0h 5min', percentRemaining: 0 },
      responsibleUserIds: [agent, 8],
    }),
    remoteTicket(5, {
      sla: { remaining: '30h 0min', percentRemaining: 80 },
      status: { id: 26, prefix: 'aguardando_cliente', label: 'Aguardando Cliente' },
      statusId: 26,
    }),
    remoteTicket(6, {
      sla: { remaining: '12h 0min', percentRemaining: 40 },
      status: { id: 31, prefix: 'retornar_contato', label: 'AGUARDANDO RETORNO DO CLIENTE' },
      statusId: 31,
      responsibleUserIds: [9],
    }),
    remoteTicket(7, {
      sla: { remaining: null, percentRemaining: null },
      status: { id: 32, prefix: 'PENDENTE', label: 'PENDENTE TESTE' },
      statusId: 32,
      responsibleUserIds: [9],
    }),
    remoteTicket(8, {
      closedAt: '2024-03-01T14:00:00.000Z',
      sla: { remaining: '-2h 0min', percentRemaining: 0 },
      responsibleUserIds: [agent],
    }),
    remoteTicket(9, { closedAt: '2024-02-29T20:00:00.000Z' }),
  ]);
}

function ids(query: TicketListQuery): number[] {
  return store
    .listTickets({ ...query, limit: 100 })
    .items.map((ticket) => ticket.id ?? 0)
    .sort((a, b) => a - b);
}

describe('triage views', () => {
  it('count what each view lists: due in 2 h, breached, unassigned, awaiting the customer, closed today', () => {
    seedMorning();
    expect(store.countTicketViews(dayStart, agent)).toEqual({
      mineOpen: 2,
      dueSoon: 2,
      breached: 2,
      unassigned: 3,
      awaitingCustomer: 2,
      closedToday: 1,
    });
    expect(ids({ view: 'due_soon' })).toEqual([1, 2]);
    expect(ids({ view: 'breached' })).toEqual([3, 4]);
    expect(ids({ view: 'unassigned' })).toEqual([1, 3, 5]);
    expect(ids({ view: 'awaiting_customer' })).toEqual([5, 6]);
    expect(ids({ status: 'closed', closedFrom: dayStart })).toEqual([8]);
  });

  it('count neither server-side drafts nor tickets deleted on the server, as the inbox lists neither', () => {
    seedMorning();
    store.upsertRemoteTickets([
      remoteTicket(10, { sla: { remaining: '0h 20min', percentRemaining: 1 }, draft: true }),
      remoteTicket(11, { sla: { remaining: '-1h 0min', percentRemaining: 0 } }),
    ]);
    const gone = store.findTicketKey(11);
    if (gone === null) throw new Error('ticket 11 was not stored');
    store.markTicketGone(gone);
    store.enqueueAction({ kind: 'reply', ticketKey: 't:3', payload: { text: 'kept for this' } });
    store.markTicketGone('t:3');
    const counts = store.countTicketViews(dayStart, agent);
    expect(counts.dueSoon).toBe(ids({ view: 'due_soon' }).length);
    expect(counts.breached).toBe(ids({ view: 'breached' }).length);
    expect(counts).toMatchObject({ dueSoon: 2, breached: 1, unassigned: 2 });
  });

  it('leave "meus abertos" uncounted until the agent is known', () => {
    seedMorning();
    expect(store.countTicketViews(dayStart, null).mineOpen).toBeNull();
  });

  it('sort by SLA with the tickets about to breach first, the breached after them, no SLA last', () => {
    seedMorning();
    const order = store
      .listTickets({ status: 'open', sort: 'sla' })
      .items.map((ticket) => ticket.id);
    expect(order).toEqual([2, 1, 6, 5, 4, 3, 7]);
  });

  it('follow a ticket out of "vencendo" into "estourados" when the server says time ran out', () => {
    seedMorning();
    store.upsertRemoteTickets([
      remoteTicket(1, { sla: { remaining: '-0h 1min', percentRemaining: 0 } }),
    ]);
    expect(ids({ view: 'due_soon' })).toEqual([2]);
    expect(ids({ view: 'breached' })).toEqual([1, 3, 4]);
  });
});
