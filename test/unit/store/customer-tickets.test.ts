import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
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

const maria = { id: 500, code: 7500, name: 'Maria Souza' };
const joao = { id: 501, code: 7501, name: 'João Lima' };

describe("a customer's other tickets", () => {
  it('lists only that customer, open tickets first and each group newest first', () => {
    store.upsertRemoteTickets([
      remoteTicket(1, { customer: maria }),
      remoteTicket(2, {
        customer: maria,
        closedAt: '2024-01-02T10:00:00.000Z',
        status: { id: 30, prefix: 'resolvido', label: 'Resolvido' },
        statusId: 30,
      }),
      remoteTicket(3, { customer: maria }),
      remoteTicket(4, { customer: joao }),
      remoteTicket(5, { customer: maria, closedAt: '2024-01-03T10:00:00.000Z' }),
    ]);
    const listed = store.listCustomerTickets(maria.id);
    expect(listed.map((ticket) => ticket.id)).toEqual([3, 1, 5, 2]);
    expect(listed.every((ticket) => ticket.customer?.name === 'Maria Souza')).toBe(true);
    expect(listed.filter((ticket) => ticket.closedAt === null)).toHaveLength(2);
  });

  it('leaves out server-side drafts and answers an empty list for an unknown customer', () => {
    store.upsertRemoteTickets([
      remoteTicket(1, { customer: maria }),
      remoteTicket(2, { customer: maria, draft: true }),
    ]);
    expect(store.listCustomerTickets(maria.id).map((ticket) => ticket.id)).toEqual([1]);
    expect(store.listCustomerTickets(999)).toEqual([]);
  });

  it('caps the list at the limit asked', () => {
    store.upsertRemoteTickets(
      Array.from({ length: 30 }, (_, i) => remoteTicket(i + 1, { customer: maria })),
    );
    expect(store.listCustomerTickets(maria.id, 5)).toHaveLength(5);
    expect(store.listCustomerTickets(maria.id)).toHaveLength(20);
  });
});

describe('ticket summaries by key', () => {
  it('answers the cached ones with protocol and customer, and skips keys not cached', () => {
    store.upsertRemoteTickets([remoteTicket(1, { customer: maria }), remoteTicket(2)]);
    const summaries = store.getTicketSummaries(['t:1', 't:404']);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ key: 't:1', customer: { name: 'Maria Souza' } });
    expect(summaries[0]?.protocol).toMatch(/^\d{20}$/);
    expect(store.getTicketSummaries([])).toEqual([]);
  });
});

describe("a ticket's contact and closing", () => {
  it('keeps the contact of a ticket opened here, also after its create was sent', () => {
    const action = store.enqueueAction({
      kind: 'create',
      payload: {
        serviceId: 17_001,
        description: 'Sem sinal desde ontem',
        name: ' Ana Paula ',
        phone: '37991234567',
        contactOriginId: 3,
      },
    });
    expect(store.getTicket(action.ticketKey)?.contact).toEqual({
      name: 'Ana Paula',
      phone: '37991234567',
      originId: 3,
    });
    store.markActionSending(action.id);
    store.markActionSent(action.id, { ticket: { id: 1, protocol: '20261202101010123456' } });
    expect(store.getTicket(action.ticketKey)?.contact).toMatchObject({ name: 'Ana Paula' });
  });

  it("reads the server's contact from a raw model, and none when nothing names it", () => {
    store.upsertRemoteTickets([
      remoteTicket(1, {
        raw: { id_atendimento: 1, nome_contato: 'Carlos ', telefone_contato: '3133334444' },
      }),
      remoteTicket(2),
    ]);
    expect(store.getTicket('t:1')?.contact).toEqual({
      name: 'Carlos',
      phone: '3133334444',
      originId: null,
    });
    expect(store.getTicket('t:2')?.contact).toBeNull();
  });

  it('gives the closing reason and text of a closed ticket', () => {
    store.upsertRemoteTickets([
      remoteTicket(1, {
        closedAt: '2024-01-02T10:00:00.000Z',
        closingReasonId: 17,
        closingDescription: 'Cabo trocado',
      }),
    ]);
    expect(store.getTicket('t:1')?.closing).toEqual({ reasonId: 17, description: 'Cabo trocado' });
  });
});
