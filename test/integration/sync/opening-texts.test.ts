import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketRecord } from '../../../main/sim/records';
import type { Store } from '../../../main/store/client';
import { createConnectivity, httpProbe } from '../../../main/sync/connectivity';
import { createSyncEngine } from '../../../main/sync/engine';
import { detailCalls, startRecordingProxy, type RecordingProxy } from './recording-proxy';
import { clientFor, eventually, EventHub, resources } from './sync-fixture';

const r = resources();
const proxies: RecordingProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  await r.cleanup();
});

/** Test timings: a faster budget than the shipped 2 per second, so the test takes seconds. */
const perSecond = 10;

/** The agent: the user responsible for the most tickets. */
function busiestUser(records: TicketRecord[]): number {
  const counts = new Map<number, number>();
  for (const record of records)
    for (const id of record.responsibleUserIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** The order the brief asks for: the agent's own (open first), then open ones, then newest. */
function expectedOrder(records: TicketRecord[], agent: number): string[] {
  const newest = (a: TicketRecord, b: TicketRecord) => b.openedAt - a.openedAt;
  const mine = records.filter((t) => t.responsibleUserIds.includes(agent));
  const mineOpen = mine.filter((t) => t.closedAt === null).sort(newest);
  const mineClosed = mine.filter((t) => t.closedAt !== null).sort(newest);
  const others = records.filter((t) => !t.responsibleUserIds.includes(agent));
  const open = others.filter((t) => t.closedAt === null).sort(newest);
  const rest = others.filter((t) => t.closedAt !== null).sort(newest);
  return [...mineOpen, ...mineClosed, ...open, ...rest].map((t) => t.protocol);
}

async function withOpeningText(store: Store): Promise<number> {
  return (await store.openingTextCoverage()).withOpeningText;
}

function engineFor(store: Store, url: string, agent: number, events = new EventHub()) {
  return createSyncEngine({
    store,
    client: clientFor(url),
    events,
    connectivity: createConnectivity(),
    profile: { id: 'p1' },
    userId: agent,
    // The incremental run fetches no detail: every detail call counted is the filler's.
    refreshLimit: 0,
    openingTextsPerSecond: perSecond,
    intervalMs: 3_600_000,
  });
}

describe('the opening-text filler', () => {
  it('fills every opening text in order, within its budget, resuming after a restart', async () => {
    const sim = await r.sim({ tickets: 60 });
    const proxy = await startRecordingProxy(sim.url);
    proxies.push(proxy);
    const file = join(r.dir(), 'profile.sqlite');
    const store = await r.store(file);
    await store.setSetting('sync.windowDays', 3650);
    const records = sim.state();
    const agent = busiestUser(records);

    const first = engineFor(store, proxy.url, agent);
    first.start();
    await eventually(() => detailCalls(proxy).length >= 15, 'the first opening texts', 30_000);
    await first.stop();
    const firstSession = detailCalls(proxy).length;
    const status = first.status();
    expect(status.searchIndex?.total).toBe(60);
    const filledBefore = await withOpeningText(store);
    // The stop may cut the call in flight: that one is asked again by the next session.
    expect(filledBefore).toBeGreaterThanOrEqual(detailCalls(proxy).length - 1);
    expect(filledBefore).toBeLessThan(60);

    // A new session on the same cache picks up where the last one stopped.
    const second = engineFor(store, proxy.url, agent);
    second.start();
    await eventually(
      () => second.status().searchIndex?.withOpeningText === 60,
      'every opening text',
      30_000,
    );
    await second.stop();

    const calls = detailCalls(proxy);
    const asked = calls
      .map((call) => call.protocol)
      .filter((protocol, index, all) => protocol !== all[index - 1]);
    // Each ticket asked once over both sessions (but the cut call), in the order the agent needs.
    expect(asked).toEqual(expectedOrder(records, agent));
    expect(calls.length - asked.length).toBeLessThanOrEqual(1);
    // The budget: never more than `perSecond` detail calls in any second of a session.
    for (const session of [calls.slice(0, firstSession), calls.slice(firstSession)]) {
      for (const [index, call] of session.entries()) {
        const inTheSecond = session.slice(index).filter((later) => later.at - call.at < 1_000);
        expect(inTheSecond.length).toBeLessThanOrEqual(perSecond);
      }
    }
    for (const record of records.filter((_, index) => index % 7 === 0)) {
      const cached = await store.getTicket(`t:${record.id}`);
      expect(cached?.description).toBe(record.description);
    }
    expect(second.status().searchIndex).toEqual({ total: 60, withOpeningText: 60 });
  });

  it('tells the renderer its opening texts change no list, so lists and counts are not refetched', async () => {
    const sim = await r.sim({ tickets: 30 });
    const proxy = await startRecordingProxy(sim.url);
    proxies.push(proxy);
    const store = await r.store(join(r.dir(), 'profile.sqlite'));
    await store.setSetting('sync.windowDays', 3650);
    const events = new EventHub();
    const engine = engineFor(store, proxy.url, busiestUser(sim.state()), events);
    await engine.runNow();
    const afterRun: { keys: string[] | 'all'; textOnly?: boolean }[] = [];
    const off = events.subscribe((name, payload) => {
      if (name === 'tickets') afterRun.push(payload as (typeof afterRun)[number]);
    });
    engine.start();
    await eventually(() => afterRun.length >= 5, 'opening texts filled', 30_000);
    off();
    await engine.stop();

    for (const event of afterRun) {
      expect(event.textOnly).toBe(true);
      expect(event.keys).toHaveLength(1);
    }
  });

  it('waits while the server is unreachable, and goes on when it is back', async () => {
    const sim = await r.sim({ tickets: 30 });
    const proxy = await startRecordingProxy(sim.url);
    proxies.push(proxy);
    const store = await r.store(join(r.dir(), 'profile.sqlite'));
    await store.setSetting('sync.windowDays', 3650);
    const connectivity = createConnectivity({
      probe: httpProbe(proxy.url),
      probeBackoff: { baseMs: 20, maxMs: 50, timeoutMs: 1_000 },
    });
    const engine = createSyncEngine({
      store,
      client: clientFor(proxy.url, { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }),
      events: new EventHub(),
      connectivity,
      profile: { id: 'p1' },
      refreshLimit: 0,
      openingTextsPerSecond: perSecond,
      intervalMs: 3_600_000,
    });
    engine.start();
    await eventually(() => detailCalls(proxy).length >= 5, 'the first opening texts', 30_000);
    proxy.unreachable = true;
    await eventually(() => !connectivity.online, 'the server to be judged unreachable', 30_000);
    const whenOffline = detailCalls(proxy).length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(detailCalls(proxy)).toHaveLength(whenOffline);
    expect(await withOpeningText(store)).toBeLessThan(30);
    proxy.unreachable = false;
    await eventually(
      () => engine.status().searchIndex?.withOpeningText === 30,
      'every opening text',
      30_000,
    );
    expect(new Set(detailCalls(proxy).map((call) => call.protocol)).size).toBe(30);
    await engine.stop();
  });

  it('lets the agent’s own requests go first: it starts no call while one of theirs is out', async () => {
    const sim = await r.sim({ tickets: 80, latencyMs: 80 });
    const proxy = await startRecordingProxy(sim.url);
    proxies.push(proxy);
    const store = await r.store(join(r.dir(), 'profile.sqlite'));
    await store.setSetting('sync.windowDays', 3650);
    const engine = createSyncEngine({
      store,
      client: clientFor(proxy.url),
      events: new EventHub(),
      connectivity: createConnectivity(),
      profile: { id: 'p1' },
      refreshLimit: 0,
      openingTextsPerSecond: 20,
      intervalMs: 3_600_000,
    });
    engine.start();
    await eventually(() => detailCalls(proxy).length >= 6, 'the first opening texts', 30_000);
    // Tickets the filler already did: any later call for them is the agent's.
    const opened = detailCalls(proxy)
      .slice(0, 5)
      .map((call) => call.protocol);
    const keys = await Promise.all(
      opened.map(async (protocol) => {
        const record = sim.state({ protocol })[0];
        if (!record) throw new Error(`no ticket ${protocol}`);
        return `t:${record.id}`;
      }),
    );
    for (const key of keys) await engine.refreshTicket(key);
    await engine.stop();

    const calls = detailCalls(proxy);
    const agentCalls = calls.filter(
      (call, index) => opened.includes(call.protocol) && index >= opened.length,
    );
    expect(agentCalls).toHaveLength(5);
    for (const agentCall of agentCalls) {
      const finishedAt = agentCall.finishedAt ?? Number.POSITIVE_INFINITY;
      const startedMeanwhile = calls.filter(
        (call) => call !== agentCall && call.at > agentCall.at && call.at < finishedAt,
      );
      expect(startedMeanwhile).toEqual([]);
    }
  });
});
