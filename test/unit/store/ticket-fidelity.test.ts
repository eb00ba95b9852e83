import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import { remoteTicket, tempDirs } from './fixtures';

const dirs = tempDirs();
let store: StoreCore;
let file: string;

beforeEach(() => {
  file = join(dirs.make(), 'profile.sqlite');
  store = StoreCore.open(file);
});

/** deleted_at is not part of the contract (yet): read it from the file as another reader would. */
function deletedAtOf(key: string): string | null {
  const reader = new Database(file, { readonly: true });
  try {
    const row = reader.prepare('SELECT deleted_at FROM tickets WHERE key = ?').get(key) as {
      deleted_at: string | null;
    };
    return row.deleted_at;
  } finally {
    reader.close();
  }
}
afterEach(() => {
  store.close();
  dirs.cleanup();
});

/** 14:23:45 at UTC-03:00 on 2 Dec 2026, as a list row gives it. */
const listOpening = '2026-12-02T17:23:45.000Z';
/** The same day as the detail's `02/12/2026` reads: 00:00 at UTC-03:00. */
const detailDay = '2026-12-02T03:00:00.000Z';

describe('a less precise date never replaces a more precise one', () => {
  it("keeps the opening time a list row gave after the ticket's detail is stored", () => {
    store.upsertRemoteTickets([remoteTicket(1, { openedAt: listOpening })]);
    store.upsertTicketDetail(
      remoteTicket(1, { openedAt: detailDay, openedAtPrecision: 'day', description: 'Sem sinal' }),
    );
    expect(store.getTicket('t:1')).toMatchObject({
      openedAt: listOpening,
      openedAtPrecision: 'time',
      description: 'Sem sinal',
    });
  });

  it('keeps the closing time a list row gave after the detail gives only its day', () => {
    const closedAt = '2026-12-02T20:01:02.000Z';
    store.upsertRemoteTickets([remoteTicket(1, { openedAt: listOpening, closedAt })]);
    store.upsertTicketDetail(
      remoteTicket(1, {
        openedAt: detailDay,
        openedAtPrecision: 'day',
        closedAt: detailDay,
        closedAtPrecision: 'day',
      }),
    );
    expect(store.getTicket('t:1')).toMatchObject({ closedAt, closedAtPrecision: 'time' });
  });

  it('stores a ticket first seen through its detail as a day without a time', () => {
    store.upsertTicketDetail(remoteTicket(2, { openedAt: detailDay, openedAtPrecision: 'day' }));
    expect(store.getTicket('t:2')).toMatchObject({ openedAt: detailDay, openedAtPrecision: 'day' });
  });

  it('lets a later list row give the exact time of a ticket first seen through its detail', () => {
    store.upsertTicketDetail(remoteTicket(2, { openedAt: detailDay, openedAtPrecision: 'day' }));
    store.upsertRemoteTickets([remoteTicket(2, { openedAt: listOpening })]);
    const [summary] = store.listTickets({}).items;
    expect(summary).toMatchObject({ openedAt: listOpening, openedAtPrecision: 'time' });
  });

  it('takes a closing day that contradicts the cached closing time: the ticket closed again later', () => {
    store.upsertRemoteTickets([remoteTicket(1, { closedAt: '2026-11-20T15:00:00.000Z' })]);
    store.upsertTicketDetail(remoteTicket(1, { closedAt: detailDay, closedAtPrecision: 'day' }));
    expect(store.getTicket('t:1')).toMatchObject({ closedAt: detailDay, closedAtPrecision: 'day' });
  });
});

describe('what the detail shape does not carry survives it', () => {
  it('keeps a server-side draft a draft after a detail without rascunho', () => {
    store.upsertRemoteTickets([remoteTicket(3, { draft: true })]);
    store.upsertTicketDetail(remoteTicket(3, { draft: null, deletedAt: undefined }));
    expect(store.getTicket('t:3')?.serverDraft).toBe(true);
  });

  it('keeps deleted_at after a detail without it, and clears it when a list row says null', () => {
    store.upsertRemoteTickets([remoteTicket(4, { deletedAt: '2026-12-01T10:00:00.000Z' })]);
    store.upsertTicketDetail(remoteTicket(4, { draft: null, deletedAt: undefined }));
    expect(deletedAtOf('t:4')).toBe('2026-12-01T10:00:00.000Z');
    store.upsertRemoteTickets([remoteTicket(4, { deletedAt: null })]);
    expect(deletedAtOf('t:4')).toBeNull();
  });
});

describe('server-side drafts in the inbox', () => {
  it('leaves drafts out of the default list and its count, and shows them when asked', () => {
    store.upsertRemoteTickets([remoteTicket(5), remoteTicket(6, { draft: true }), remoteTicket(7)]);
    const inbox = store.listTickets({});
    expect(inbox.items.map((ticket) => ticket.key)).toEqual(['t:7', 't:5']);
    expect(inbox.total).toBe(2);
    const withDrafts = store.listTickets({ includeServerDrafts: true });
    expect(withDrafts.items.map((ticket) => ticket.key)).toEqual(['t:7', 't:6', 't:5']);
    expect(withDrafts.total).toBe(3);
  });
});
