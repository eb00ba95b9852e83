import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import { remoteMessage, remoteTicket, tempDirs } from './fixtures';

const dirs = tempDirs();
let file: string;
let store: StoreCore;

beforeEach(() => {
  file = join(dirs.make(), 'profile.sqlite');
  store = StoreCore.open(file);
});
afterEach(() => {
  store.close();
  dirs.cleanup();
});

const ids = (text: string) =>
  store
    .searchTickets(text)
    .map((hit) => hit.ticket.id ?? 0)
    .sort((a, b) => a - b);

/** SQLite's own check that each FTS index holds exactly what its table holds. */
function searchIndexesAgreeWithRows(): boolean {
  store.close();
  const db = new Database(file);
  try {
    for (const table of ['tickets_fts', 'messages_fts']) {
      db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 1)`).run();
    }
    return true;
  } catch {
    return false;
  } finally {
    db.close();
    store = StoreCore.open(file);
  }
}

describe('writing a sync page', () => {
  it('makes every ticket and message of the page searchable, whatever order the page lists them in', () => {
    const newestFirst = [3, 2, 1].map((id) =>
      remoteTicket(id, {
        customer: { id: 500 + id, code: id, name: `Cliente Paginado ${id}` },
        messages: [
          remoteMessage(id * 10 + 1, id, `resposta tardia ${id}`, `2024-02-0${id}T12:00:00Z`),
          remoteMessage(id * 10, id, `fibra rompida ${id}`, `2024-01-0${id}T12:00:00Z`),
        ],
      }),
    );
    const keys = store.upsertRemoteTickets(newestFirst);

    expect(keys).toEqual(['t:3', 't:2', 't:1']);
    expect(ids('fibra rompida')).toEqual([1, 2, 3]);
    expect(ids('tardia')).toEqual([1, 2, 3]);
    expect(ids('paginado')).toEqual([1, 2, 3]);
    expect(searchIndexesAgreeWithRows()).toBe(true);
  });

  it('finds the new text of a message the server changed, and no longer the old one', () => {
    const page = (text: string) => [
      remoteTicket(1, { messages: [remoteMessage(10, 1, text, '2024-01-02T10:00:00Z')] }),
      remoteTicket(2, { messages: [remoteMessage(20, 2, 'sem mudança', '2024-01-02T11:00:00Z')] }),
    ];
    store.upsertRemoteTickets(page('roteador queimado'));
    store.upsertRemoteTickets(page('roteador substituído'));

    expect(ids('queimado')).toEqual([]);
    expect(ids('substituido')).toEqual([1]);
    expect(ids('mudanca')).toEqual([2]);
    expect(store.getTicket('t:1')?.messages.map((m) => m.text)).toEqual(['roteador substituído']);
    expect(searchIndexesAgreeWithRows()).toBe(true);
  });

  it('caches a ticket listed twice in one page once, as the page listed it last', () => {
    const keys = store.upsertRemoteTickets([
      remoteTicket(7, {
        customer: { id: 507, code: 7, name: 'Nome Antigo' },
        messages: [remoteMessage(70, 7, 'primeira versão', '2024-01-03T10:00:00Z')],
      }),
      remoteTicket(8),
      remoteTicket(7, {
        customer: { id: 507, code: 7, name: 'Nome Novo' },
        messages: [remoteMessage(71, 7, 'segunda versão', '2024-01-03T11:00:00Z')],
      }),
    ]);

    expect(keys).toEqual(['t:7', 't:8', 't:7']);
    expect(store.listTickets({ limit: 10 }).total).toBe(2);
    expect(store.getTicket('t:7')?.customer?.name).toBe('Nome Novo');
    expect(ids('antigo')).toEqual([]);
    expect(ids('novo')).toEqual([7]);
    expect(ids('segunda')).toEqual([7]);
    expect(ids('primeira')).toEqual([]);
    expect(searchIndexesAgreeWithRows()).toBe(true);
  });

  it('keeps the last-change time of a ticket listed again unchanged', () => {
    store.upsertRemoteTickets([remoteTicket(4)]);
    const before = store.getTicket('t:4')?.updatedAt;
    store.upsertRemoteTickets([remoteTicket(4)]);

    expect(store.getTicket('t:4')?.updatedAt).toBe(before);
  });

  it('still indexes a reply typed here while a sync page is written around it', () => {
    store.upsertRemoteTickets([remoteTicket(5)]);
    store.enqueueAction({
      kind: 'reply',
      ticketKey: 't:5',
      payload: { text: 'aguardando técnico' },
    });
    store.upsertRemoteTickets([remoteTicket(5, { messages: [] }), remoteTicket(6)]);

    expect(ids('aguardando tecnico')).toEqual([5]);
    expect(searchIndexesAgreeWithRows()).toBe(true);
  });

  it('brings back a ticket marked gone when a page lists it again, and only that one', () => {
    store.upsertRemoteTickets([remoteTicket(8), remoteTicket(9)]);
    for (const key of ['t:8', 't:9']) {
      // A pending reply keeps a gone ticket in the cache, hidden.
      store.enqueueAction({ kind: 'reply', ticketKey: key, payload: { text: 'já verificamos' } });
      expect(store.markTicketGone(key)).toBe('kept');
    }
    store.upsertRemoteTickets([remoteTicket(8), remoteTicket(10)]);

    expect(store.isTicketGone('t:8')).toBe(false);
    expect(store.isTicketGone('t:9')).toBe(true);
    expect(store.isTicketGone('t:10')).toBe(false);
  });
});
