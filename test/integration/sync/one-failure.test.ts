import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../main/store/client';
import { createConnectivity } from '../../../main/sync/connectivity';
import { createSyncEngine, type SyncEngine } from '../../../main/sync/engine';
import { DAY_MS, hubsoftDay } from '../../../main/sync/hubsoft-days';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';
import { clientFor, EventHub, resources } from './sync-fixture';

const r = resources();
const proxies: RecordingProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  await r.cleanup();
});

/** A clock the test moves: each run's "last sync" is then visibly later than the one before. */
function testClock() {
  let at = Date.now();
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

/** Every ticket the inbox can show (server drafts included: this test is about deleted ones). */
async function visibleKeys(store: Store): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listTickets({
      status: 'all',
      includeServerDrafts: true,
      limit: 500,
      cursor,
    });
    keys.push(...page.items.map((ticket) => ticket.key));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return keys;
}

async function setup(options: { viaProxy?: boolean } = {}) {
  const sim = await r.sim({ tickets: 300 });
  const proxy = options.viaProxy ? await startRecordingProxy(sim.url) : null;
  if (proxy) proxies.push(proxy);
  const store = await r.store(join(r.dir(), 'profile.sqlite'));
  await store.setSetting('sync.windowDays', 200);
  const clock = testClock();
  const engine: SyncEngine = createSyncEngine({
    store,
    // One attempt per call, so a failure the proxy injects is seen at once.
    client: clientFor(proxy?.url ?? sim.url, {
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    }),
    events: new EventHub(),
    connectivity: createConnectivity(),
    profile: { id: 'p1' },
    refreshLimit: 10,
    now: clock.now,
  });
  const first = await engine.runNow();
  expect(first.lastError).toBeNull();
  const deleteOnServer = async (protocol: string) => {
    const answer = await fetch(`${sim.url}/__sim/delete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ protocol }),
    });
    expect(answer.status).toBe(200);
  };
  return { sim, proxy, store, clock, engine, first, deleteOnServer };
}

async function refreshedFirst(store: Store, count: number) {
  const candidates = await store.ticketsToRefresh({ limit: count });
  return Promise.all(
    candidates.map(async ({ key }) => {
      const ticket = await store.getTicket(key);
      if (!ticket?.protocol) throw new Error(`ticket ${key} has no protocol`);
      return { key, protocol: ticket.protocol };
    }),
  );
}

describe('a ticket deleted on the server', () => {
  it('leaves the inbox while the incremental run completes and the last sync time moves', async () => {
    const { store, clock, engine, first, deleteOnServer } = await setup();
    const [deleted, withPendingReply] = await refreshedFirst(store, 2);
    if (!deleted || !withPendingReply) throw new Error('not enough open tickets');
    await store.enqueueAction({
      kind: 'reply',
      ticketKey: withPendingReply.key,
      payload: { text: 'Vamos verificar o seu sinal' },
    });
    await deleteOnServer(deleted.protocol);
    await deleteOnServer(withPendingReply.protocol);

    clock.advance(60_000);
    const second = await engine.runNow();

    expect(second.lastError).toBeNull();
    expect(Date.parse(second.lastSyncAt ?? '')).toBeGreaterThan(Date.parse(first.lastSyncAt ?? ''));
    expect(second.notRefreshed).toEqual({ tickets: 0, pages: 0 });
    const inbox = await visibleKeys(store);
    expect(inbox).not.toContain(deleted.key);
    expect(inbox).not.toContain(withPendingReply.key);
    expect(inbox).toHaveLength(298);
    // Nothing the agent queued is lost: that ticket stays in the cache with its action.
    expect(await store.getTicket(deleted.key)).toBeNull();
    const kept = await store.getTicket(withPendingReply.key);
    expect(kept?.pending.map((action) => action.kind)).toEqual(['reply']);
    expect((await store.listTickets({ status: 'all', includeServerDrafts: true })).total).toBe(298);
    expect(second.searchIndex?.total).toBe(298);

    // Once the agent discards that action, the next run lets the ticket go too.
    await store.discardAction(kept?.pending[0]?.id ?? -1);
    clock.advance(60_000);
    const third = await engine.runNow();
    expect(await store.getTicket(withPendingReply.key)).toBeNull();
    expect(third.lastError).toBeNull();
    expect(Date.parse(third.lastSyncAt ?? '')).toBeGreaterThan(Date.parse(second.lastSyncAt ?? ''));
    await engine.stop();
  });

  it('opened by the agent, leaves the inbox with a clear message', async () => {
    const { store, engine, deleteOnServer } = await setup();
    const [ticket] = await refreshedFirst(store, 1);
    if (!ticket) throw new Error('no open ticket');
    await deleteOnServer(ticket.protocol);

    await expect(engine.refreshTicket(ticket.key)).rejects.toThrow(/excluído no HubSoft/);
    expect(await visibleKeys(store)).not.toContain(ticket.key);
    await engine.stop();
  });
});

describe('a transient failure', () => {
  it('on one ticket is named in the status, waits its backoff, and is refreshed later', async () => {
    const { proxy, store, clock, engine, first } = await setup({ viaProxy: true });
    if (!proxy) throw new Error('no proxy');
    const [failing, other] = await refreshedFirst(store, 2);
    if (!failing || !other) throw new Error('not enough open tickets');
    const asksFor = (protocol: string) =>
      proxy.seen.filter((seen) => seen.query.get('termo_busca') === protocol).length;
    proxy.failWhen = (seen) => seen.query.get('termo_busca') === failing.protocol;

    clock.advance(60_000);
    const second = await engine.runNow();
    expect(second.lastError).toBeNull();
    expect(second.notRefreshed).toEqual({ tickets: 1, pages: 0 });
    expect(Date.parse(second.lastSyncAt ?? '')).toBeGreaterThan(Date.parse(first.lastSyncAt ?? ''));
    expect(asksFor(other.protocol)).toBeGreaterThan(0);
    const askedBefore = asksFor(failing.protocol);

    // Within its backoff the next run leaves it alone, and still counts it as not refreshed.
    clock.advance(10_000);
    const third = await engine.runNow();
    expect(asksFor(failing.protocol)).toBe(askedBefore);
    expect(third.notRefreshed.tickets).toBe(1);

    proxy.failWhen = null;
    clock.advance(2 * 3_600_000);
    const fourth = await engine.runNow();
    expect(asksFor(failing.protocol)).toBe(askedBefore + 1);
    expect(fourth.notRefreshed).toEqual({ tickets: 0, pages: 0 });
    expect((await store.getTicket(failing.key))?.detailFetchedAt).not.toBeNull();
    await engine.stop();
  });

  it('on a list page lets the run finish and reads the same window again next run', async () => {
    const { proxy, store, clock, engine, first } = await setup({ viaProxy: true });
    if (!proxy) throw new Error('no proxy');
    const closedList = (seen: { path: string; query: URLSearchParams }) =>
      seen.path.endsWith('/atendimento/todos') && seen.query.get('tipo_data') === 'data_fechamento';
    proxy.failWhen = closedList;
    const before = (await store.getCheckpoint('incremental')) as { lastStartedAt: string };

    clock.advance(60_000);
    const second = await engine.runNow();
    expect(second.lastError).toBeNull();
    expect(second.notRefreshed).toEqual({ tickets: 0, pages: 1 });
    expect(Date.parse(second.lastSyncAt ?? '')).toBeGreaterThan(Date.parse(first.lastSyncAt ?? ''));
    expect(await store.getCheckpoint('incremental')).toMatchObject({
      lastStartedAt: before.lastStartedAt,
    });
    // The rest of the run went on: the open tickets were refreshed.
    expect(proxy.seen.some((seen) => seen.path.endsWith('/cliente/atendimento'))).toBe(true);

    proxy.failWhen = null;
    clock.advance(60_000);
    const third = await engine.runNow();
    expect(third.notRefreshed).toEqual({ tickets: 0, pages: 0 });
    const after = (await store.getCheckpoint('incremental')) as { lastStartedAt: string };
    expect(Date.parse(after.lastStartedAt)).toBeGreaterThan(Date.parse(before.lastStartedAt));
    await engine.stop();
  });

  it('on a backfill page lets the first sync finish with what it got, and the next run completes it', async () => {
    const sim = await r.sim({ tickets: 600 });
    const proxy = await startRecordingProxy(sim.url);
    proxies.push(proxy);
    const store = await r.store(join(r.dir(), 'profile.sqlite'));
    await store.setSetting('sync.windowDays', 3650);
    const engine = createSyncEngine({
      store,
      client: clientFor(proxy.url, { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }),
      events: new EventHub(),
      connectivity: createConnectivity(),
      profile: { id: 'p1' },
      refreshLimit: 0,
    });
    // The backfill asks for the whole window; incremental runs only for the last days.
    const windowStart = hubsoftDay(new Date(Date.now() - 3650 * DAY_MS));
    proxy.failWhen = (seen) =>
      seen.path.endsWith('/atendimento/todos') &&
      seen.query.get('data_inicio') === windowStart &&
      seen.query.get('pagina') !== '0';

    const first = await engine.runNow();
    expect(first.lastError).toBeNull();
    expect(first.lastSyncAt).not.toBeNull();
    expect(first.notRefreshed).toEqual({ tickets: 0, pages: 1 });
    expect(first.cachedTickets).toBeGreaterThan(0);
    expect(first.cachedTickets).toBeLessThan(600);

    proxy.failWhen = null;
    const second = await engine.runNow();
    expect(second).toMatchObject({
      lastError: null,
      cachedTickets: 600,
      notRefreshed: { tickets: 0, pages: 0 },
    });
    expect(await store.getCheckpoint('backfill')).toMatchObject({ job: null });
    await engine.stop();
  });
});
