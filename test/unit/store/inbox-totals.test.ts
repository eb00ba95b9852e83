import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import { migrations, ticketCounts as ticketCountsMigration } from '../../../main/store/migrations';
import type { TicketListQuery } from '../../../main/store/types';
import { remoteTicket, tempDirs } from './fixtures';

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

const views: TicketListQuery[] = [
  {},
  { status: 'open' },
  { status: 'closed' },
  { status: 'all', includeServerDrafts: true },
  { statusIds: [23] },
  { statusIds: [24, 23], status: 'open' },
  { typeIds: [125] },
  { typeIds: [126], includeServerDrafts: true },
];

/** Each view's total next to the tickets it actually lists, page after page. */
function totalsAndListed(): { total: number; listed: number }[] {
  return views.map((view) => {
    const first = store.listTickets({ ...view, limit: 2 });
    let listed = first.items.length;
    let cursor = first.nextCursor;
    while (cursor) {
      const page = store.listTickets({ ...view, limit: 2, cursor });
      listed += page.items.length;
      cursor = page.nextCursor;
    }
    return { total: first.total, listed };
  });
}

function expectTotalsToMatchLists(): void {
  for (const { total, listed } of totalsAndListed()) expect(total).toBe(listed);
}

describe('inbox totals', () => {
  it('match the tickets listed as tickets arrive, close, change status or type, and become drafts', () => {
    store.upsertRemoteTickets([1, 2, 3, 4, 5].map((id) => remoteTicket(id)));
    expectTotalsToMatchLists();
    expect(store.listTickets({ statusIds: [23] }).total).toBe(5);

    store.upsertRemoteTickets([
      remoteTicket(1, { closedAt: '2024-02-01T10:00:00.000Z' }),
      remoteTicket(2, {
        statusId: 24,
        status: { id: 24, prefix: 'em_andamento', label: 'Em andamento' },
      }),
      remoteTicket(3, { typeId: 126, type: { id: 126, label: 'TÉCNICO' } }),
      remoteTicket(4, { draft: true }),
      remoteTicket(6, { statusId: null, status: null, typeId: null, type: null }),
    ]);
    expectTotalsToMatchLists();
    expect(store.listTickets({ status: 'open' }).total).toBe(4);
    expect(store.listTickets({ statusIds: [23] }).total).toBe(3);
    expect(store.listTickets({ status: 'all', includeServerDrafts: true }).total).toBe(6);
  });

  it('match the tickets listed after tickets leave the cache, are kept gone, or the cache is purged', () => {
    store.upsertRemoteTickets([1, 2, 3, 4].map((id) => remoteTicket(id)));
    store.enqueueAction({ kind: 'reply', ticketKey: 't:2', payload: { text: 'ok' } });
    expect(store.markTicketGone('t:1')).toBe('removed');
    expect(store.markTicketGone('t:2')).toBe('kept');
    expectTotalsToMatchLists();
    expect(store.listTickets().total).toBe(2);

    store.purgeCache();
    expectTotalsToMatchLists();
  });

  it('stay right in a file whose tickets were cached before the counts existed', () => {
    store.upsertRemoteTickets([1, 2, 3].map((id) => remoteTicket(id)));
    store.close();
    // The file as the version before the counts left it; opening it migrates.
    const db = new Database(file);
    db.exec(`DROP TRIGGER ticket_counts_insert; DROP TRIGGER ticket_counts_delete;
      DROP TRIGGER ticket_counts_update; DROP TABLE ticket_counts;`);
    db.pragma(`user_version = ${migrations.indexOf(ticketCountsMigration)}`);
    db.close();
    store = StoreCore.open(file);

    expectTotalsToMatchLists();
    expect(store.listTickets().total).toBe(3);
  });
});
