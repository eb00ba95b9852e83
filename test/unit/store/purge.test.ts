import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import { customer, remoteTicket, tempDirs } from './fixtures';

const dirs = tempDirs();
let store: StoreCore;

beforeEach(() => {
  store = StoreCore.open(join(dirs.make(), 'profile.sqlite'));
});
afterEach(() => {
  store.close();
  dirs.cleanup();
});

describe('purging the cache at sign-out', () => {
  it('drops downloaded tickets, customers, lists and checkpoints but keeps the agent’s work', () => {
    store.upsertRemoteTickets([remoteTicket(1), remoteTicket(2), remoteTicket(3)]);
    store.upsertCustomers([customer(7)]);
    store.setConfigList('ticketTypes', [{ id: 1, label: 'Suporte', raw: {} }]);
    store.setCheckpoint('backfill', { page: 3 });
    store.saveDraft('reply:t:2', { text: 'Bom dia' });
    const reply = store.enqueueAction({
      kind: 'reply',
      ticketKey: 't:2',
      payload: { text: 'Estamos verificando.' },
    });

    expect(store.purgeCache()).toEqual({ ticketsRemoved: 2 });

    expect(store.getTicket('t:1')).toBeNull();
    expect(store.getTicket('t:3')).toBeNull();
    expect(store.getTicket('t:2')?.messages.map((m) => m.text)).toContain('Estamos verificando.');
    expect(store.getAction(reply.id)?.state).toBe('queued');
    expect(store.getDraft('reply:t:2')?.value).toEqual({ text: 'Bom dia' });
    expect(store.getConfigList('ticketTypes')).toBeNull();
    expect(store.getCheckpoint('backfill')).toBeNull();
    expect(store.searchCustomers({ by: 'name', term: customer(7).name })).toEqual([]);
  });
});
