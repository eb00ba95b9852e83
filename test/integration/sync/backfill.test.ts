import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../main/store/client';
import { createConnectivity } from '../../../main/sync/connectivity';
import { createSyncEngine } from '../../../main/sync/engine';
import { DAY_MS, hubsoftDay } from '../../../main/sync/hubsoft-days';
import { clientFor, EventHub, recordEvents, resources } from './sync-fixture';

const r = resources();
afterEach(() => r.cleanup());

/** The store as the engine sees it, counting the tickets of every page the backfill writes. */
function countingWrites(store: Store, events: EventHub): { store: Store; pages: number[] } {
  const pages: number[] = [];
  let phase = 'idle';
  events.subscribe((event, payload) => {
    if (event === 'sync') phase = (payload as { phase: string }).phase;
  });
  return {
    pages,
    store: {
      ...store,
      writeTicketListPage: async (answer) => {
        const written = await store.writeTicketListPage(answer);
        if (phase === 'backfill' && written.ok) pages.push(written.written.length);
        return written;
      },
    },
  };
}

async function cachedIds(store: Store): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listTickets({
      status: 'all',
      includeServerDrafts: true,
      limit: 500,
      cursor,
    });
    ids.push(...page.items.map((ticket) => ticket.id ?? -1));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

/** Start of the server's calendar day (UTC-03:00) `days` days ago, as UTC ms. */
function startOfServerDay(daysAgo: number): number {
  const day = hubsoftDay(new Date(Date.now() - daysAgo * DAY_MS));
  return Date.parse(`${day}T03:00:00Z`);
}

// 3,000 tickets with their customers, responsible users and messages: slower than the default
// test timeout on a busy machine.
describe('backfill', () => {
  it('fills the cache with exactly the server’s tickets, a page per write, reporting progress', async () => {
    const sim = await r.sim({ tickets: 3_000 });
    const opened = await r.store(join(r.dir(), 'profile.sqlite'));
    await opened.setSetting('sync.windowDays', 200);
    const events = new EventHub();
    const seen = recordEvents(events);
    const { store, pages } = countingWrites(opened, events);
    const engine = createSyncEngine({
      store,
      client: clientFor(sim.url),
      events,
      connectivity: createConnectivity(),
      profile: { id: 'p1' },
    });

    const run = engine.runNow();
    expect(engine.status().running).toBe(true);
    const status = await run;

    expect(status).toMatchObject({ lastError: null, running: false, cachedTickets: 3_000 });
    const server = sim.state();
    const ids = await cachedIds(opened);
    expect(ids).toHaveLength(3_000);
    expect(new Set(ids)).toEqual(new Set(server.map((record) => record.id)));
    for (const record of server.filter((_, index) => index % 97 === 0)) {
      const cached = await opened.getTicket(`t:${record.id}`);
      expect(cached).toMatchObject({
        protocol: record.protocol,
        openedAt: new Date(record.openedAt).toISOString(),
        closedAt: record.closedAt === null ? null : new Date(record.closedAt).toISOString(),
        status: { id: record.statusId },
        type: { id: record.typeId },
        serviceId: record.serviceId,
      });
      // Asked for with relacoes (fact 32): the customer, every responsible user and the messages.
      expect(cached?.customer?.name.trim()).toBeTruthy();
      expect([...(cached?.responsibleUserIds ?? [])].sort()).toEqual(
        [...record.responsibleUserIds].sort(),
      );
      expect(cached?.messages.map((message) => message.text).sort()).toEqual(
        record.messages.map((message) => message.text).sort(),
      );
    }

    // Every page went to the store in one write, and the pages add up to the server's count.
    expect(pages.every((size) => size > 0 && size <= 500)).toBe(true);
    expect(pages.reduce((sum, size) => sum + size, 0)).toBe(3_000);
    expect(seen.tickets.filter((event) => event.keys === 'all')).toHaveLength(pages.length);
    expect(new Set(seen.sync.map((s) => s.phase))).toEqual(
      new Set(['config', 'backfill', 'incremental', 'idle']),
    );

    const progress = seen.sync.filter((s) => s.phase === 'backfill' && s.progress !== null);
    expect(progress.length).toBeGreaterThanOrEqual(pages.length);
    const done = progress.map((s) => s.progress?.done ?? -1);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)?.progress).toEqual({ done: 3_000, total: 3_000 });
    expect(await opened.getCheckpoint('backfill')).toMatchObject({ job: null });
    await engine.stop();
  }, 60_000);

  it('shows the newest tickets first: the inbox’s first rows are the newest the server has', async () => {
    const sim = await r.sim({ tickets: 3_000 });
    const store = await r.store(join(r.dir(), 'profile.sqlite'));
    await store.setSetting('sync.windowDays', 200);
    const events = new EventHub();
    // What the inbox does on a 'tickets' event: ask for its first page again.
    let firstRows: Promise<string | null> | null = null;
    events.subscribe((event) => {
      if (event === 'tickets' && firstRows === null) {
        firstRows = store.listTickets({ limit: 100 }).then((page) => page.items[0]?.key ?? null);
      }
    });
    const engine = createSyncEngine({
      store,
      client: clientFor(sim.url),
      events,
      connectivity: createConnectivity(),
      profile: { id: 'p1' },
    });

    const status = await engine.runNow();
    await engine.stop();

    expect(status).toMatchObject({ lastError: null, cachedTickets: 3_000 });
    const newest = (await store.listTickets({ limit: 1 })).items[0]?.key;
    expect(newest).toBeDefined();
    expect(await firstRows).toBe(newest);
  }, 60_000);

  it('caches only the window in settings, and a wider window later fetches only the older days', async () => {
    const sim = await r.sim({ tickets: 3_000 });
    const opened = await r.store(join(r.dir(), 'profile.sqlite'));
    await opened.setSetting('sync.windowDays', 30);
    const events = new EventHub();
    const { store, pages } = countingWrites(opened, events);
    const engine = createSyncEngine({
      store,
      client: clientFor(sim.url),
      events,
      connectivity: createConnectivity(),
      profile: { id: 'p1' },
    });

    await engine.runNow();
    const from = startOfServerDay(30);
    const recent = sim.state().filter((record) => record.openedAt >= from);
    expect(await cachedIds(opened)).toHaveLength(recent.length);
    expect(recent.length).toBeLessThan(3_000);

    const firstRun = pages.splice(0).reduce((sum, size) => sum + size, 0);
    await opened.setSetting('sync.windowDays', 200);
    const status = await engine.runNow();
    expect(status.cachedTickets).toBe(3_000);
    // The second backfill listed only the older days.
    expect(firstRun).toBe(recent.length);
    expect(pages.reduce((sum, size) => sum + size, 0)).toBe(3_000 - recent.length);
    await engine.stop();
  }, 60_000);
});
