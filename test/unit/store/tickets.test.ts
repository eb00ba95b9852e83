import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import type { TicketListQuery, TicketSummary } from '../../../main/store/types';
import { remoteMessage, remoteTicket, tempDirs } from './fixtures';

const dirs = tempDirs();
let store: StoreCore;

beforeEach(() => {
  store = StoreCore.open(join(dirs.make(), 'profile.sqlite'));
});
afterEach(() => {
  store.close();
  dirs.cleanup();
});

/** 120 tickets: every third closed, alternating types, SLA falling with the id. */
function seedPage() {
  const tickets = Array.from({ length: 120 }, (_, i) => {
    const id = i + 1;
    return remoteTicket(id, {
      closedAt: id % 3 === 0 ? '2024-03-01T12:00:00.000Z' : null,
      statusId: id % 3 === 0 ? 30 : 23,
      status:
        id % 3 === 0
          ? { id: 30, prefix: 'fechado', label: 'Fechado' }
          : { id: 23, prefix: 'aguardando_analise', label: 'Aguardando Análise' },
      typeId: id % 2 === 0 ? 125 : 126,
      type: id % 2 === 0 ? { id: 125, label: 'COMERCIAL' } : { id: 126, label: 'SUPORTE' },
      responsibleUserIds: id % 4 === 0 ? [7, 8] : [],
      sla: { remaining: null, percentRemaining: id % 5 === 0 ? null : 200 - id },
    });
  });
  store.upsertRemoteTickets(tickets);
  return tickets;
}

function collectAll(query: TicketListQuery): { keys: string[]; totals: number[] } {
  const keys: string[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  do {
    const page = store.listTickets({ ...query, limit: 17, cursor });
    keys.push(...page.items.map((t) => t.key));
    totals.push(page.total);
    cursor = page.nextCursor;
  } while (cursor);
  return { keys, totals };
}

describe('ticket cache', () => {
  it('stores a backfill page and gives each ticket back in the contract shape', () => {
    store.upsertRemoteTickets([
      remoteTicket(42, {
        protocol: '20221229180833379797',
        customer: { id: 24930, code: 6, name: 'Maria da Conceição' },
        responsibleUserIds: [4903],
      }),
    ]);
    const ticket = store.getTicket('t:42');
    expect(ticket).toMatchObject({
      key: 't:42',
      id: 42,
      protocol: '20221229180833379797',
      closedAt: null,
      status: { id: 23, prefix: 'aguardando_analise', label: 'Aguardando Análise' },
      type: { id: 125, label: 'COMERCIAL' },
      customer: { id: 24930, code: 6, name: 'Maria da Conceição' },
      serviceId: 17_042,
      messages: [],
      pending: [],
      responsibleUserIds: [4903],
    });
    expect(store.findTicketKey(42)).toBe('t:42');
    expect(store.getTicket('t:404')).toBeNull();
  });

  it('keeps the opening text from a detail fetch when a later list page has none', () => {
    store.upsertTicketDetail(
      remoteTicket(1, {
        description: 'Cliente sem sinal',
        messages: [
          remoteMessage(11, 1, 'segunda', '2024-01-02T10:00:00.000Z'),
          remoteMessage(10, 1, 'primeira', '2024-01-02T09:00:00.000Z'),
        ],
      }),
    );
    store.upsertRemoteTickets([remoteTicket(1, { description: null })]);
    const ticket = store.getTicket('t:1');
    expect(ticket?.description).toBe('Cliente sem sinal');
    expect(ticket?.messages.map((m) => [m.id, m.text, m.pending])).toEqual([
      [10, 'primeira', false],
      [11, 'segunda', false],
    ]);
    expect(ticket?.detailFetchedAt).not.toBeNull();
  });

  it('replaces the server messages on a new detail fetch, dropping ones the server no longer has', () => {
    store.upsertTicketDetail(
      remoteTicket(1, {
        messages: [remoteMessage(10, 1, 'velha', '2024-01-02T09:00:00.000Z')],
      }),
    );
    const after = store.upsertTicketDetail(
      remoteTicket(1, {
        messages: [remoteMessage(12, 1, 'nova', '2024-01-03T09:00:00.000Z')],
      }),
    );
    expect(after.messages.map((m) => m.text)).toEqual(['nova']);
  });

  it('pages through every ticket exactly once in each sort order, with a stable total', () => {
    seedPage();
    for (const sort of ['opened_desc', 'opened_asc', 'sla', 'updated_desc'] as const) {
      const { keys, totals } = collectAll({ sort });
      expect(new Set(keys).size).toBe(120);
      expect(keys).toHaveLength(120);
      expect(new Set(totals)).toEqual(new Set([120]));
    }
  });

  it('sorts newest first by default and oldest first on request', () => {
    seedPage();
    const newest = store.listTickets({ limit: 3 }).items.map((t) => t.id);
    const oldest = store.listTickets({ limit: 3, sort: 'opened_asc' }).items.map((t) => t.id);
    expect(newest).toEqual([120, 119, 118]);
    expect(oldest).toEqual([1, 2, 3]);
  });

  it('sorts by SLA with the least time left first and tickets without SLA last', () => {
    seedPage();
    const { keys } = collectAll({ sort: 'sla', status: 'all' });
    const ids = keys.map((k) => Number(k.slice(2)));
    expect(ids[0]).toBe(119);
    expect(ids.slice(-24).every((id) => id % 5 === 0)).toBe(true);
  });

  it('filters by open or closed, status, type, responsible user and opening date', () => {
    seedPage();
    const ids = (query: TicketListQuery) => collectAll(query).keys.map((k) => Number(k.slice(2)));
    const all = Array.from({ length: 120 }, (_, i) => i + 1);

    expect(ids({ status: 'open' }).sort((a, b) => a - b)).toEqual(all.filter((id) => id % 3 !== 0));
    expect(ids({ status: 'closed' })).toHaveLength(40);
    expect(ids({ statusIds: [30] })).toHaveLength(40);
    expect(
      ids({ typeIds: [126], status: 'open' }).every((id) => id % 2 === 1 && id % 3 !== 0),
    ).toBe(true);
    expect(ids({ responsibleUserId: 8 }).sort((a, b) => a - b)).toEqual(
      all.filter((id) => id % 4 === 0),
    );
    const from = remoteTicket(10).openedAt;
    const to = remoteTicket(19).openedAt;
    expect(ids({ openedFrom: from, openedTo: to, sort: 'opened_asc' })).toEqual([
      10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    ]);
  });

  it('narrows a list with the search text, over ticket fields and messages', () => {
    seedPage();
    store.upsertTicketDetail(
      remoteTicket(5, {
        messages: [remoteMessage(1, 5, 'Roteador reiniciado', '2024-02-01T00:00:00Z')],
      }),
    );
    store.upsertRemoteTickets([
      remoteTicket(7, { customer: { id: 1, code: 1, name: 'Roteadores Ltda' } }),
    ]);
    const page = store.listTickets({ search: 'rotead', status: 'open' });
    expect(page.items.map((t: TicketSummary) => t.id)).toEqual([7, 5]);
    expect(page.total).toBe(2);
    expect(store.listTickets({ search: '!!!' })).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('refuses a cursor made for another sort order', () => {
    seedPage();
    const cursor = store.listTickets({ limit: 5 }).nextCursor;
    expect(() => store.listTickets({ sort: 'sla', cursor })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('marks a ticket viewed and offers viewed and assigned open tickets for refresh first', () => {
    seedPage();
    store.markTicketViewed('t:2');
    const order = store.ticketsToRefresh({ limit: 3, responsibleUserId: 7 }).map((t) => t.id);
    expect(order).toEqual([2, 116, 112]);
  });
});
