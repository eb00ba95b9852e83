import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectivity } from '../../../main/sync/connectivity';
import { createSyncEngine } from '../../../main/sync/engine';
import type { Events } from '../../../preload/contract';
import type { SyncStatus } from '../../../preload/types';
import { clientFor, EventHub, eventually, recordEvents, resources } from './sync-fixture';

const r = resources();
afterEach(() => r.cleanup());

const closedStatusId = 28;

describe('incremental sync', () => {
  it('picks up a ticket created on the server, a closure, and a status change on a viewed ticket', async () => {
    const sim = await r.sim({ tickets: 600 });
    const store = await r.store(join(r.dir(), 'profile.sqlite'));
    await store.setSetting('sync.windowDays', 200);
    const events = new EventHub();
    const seen = recordEvents(events);
    const engine = createSyncEngine({
      store,
      client: clientFor(sim.url),
      events,
      connectivity: createConnectivity(),
      profile: { id: 'p1' },
      refreshLimit: 5,
    });
    expect((await engine.runNow()).lastError).toBeNull();

    const open = sim
      .state()
      .filter(
        (t) =>
          t.closedAt === null &&
          t.statusId !== closedStatusId &&
          !t.serviceOrders.some((o) => o.status === 'em_execucao'),
      );
    // The oldest open ticket is far from the few the refresh looks at: only closures find it.
    const toClose = open[0];
    const viewed = open[Math.floor(open.length / 2)];
    if (!toClose || !viewed) throw new Error('the simulator has no open tickets');
    await engine.refreshTicket(`t:${viewed.id}`);
    const newStatus = viewed.statusId === 25 ? 26 : 25;

    const colleague = clientFor(sim.url);
    const created = await colleague.createTicket({
      serviceId: toClose.serviceId,
      description: 'Cliente sem sinal desde ontem',
      requesterName: 'Joana Lima',
      requesterPhone: '11987654321',
    });
    await colleague.closeTicket(toClose.id, { description: 'Resolvido por telefone' });
    await colleague.editTicket(viewed.id, { statusId: newStatus });
    seen.tickets.splice(0);

    const status = await engine.runNow();

    expect(status.lastError).toBeNull();
    const createdKey = await store.findTicketKey(created.id);
    expect(createdKey).not.toBeNull();
    expect(await store.getTicket(createdKey ?? '')).toMatchObject({
      protocol: created.protocol,
      closedAt: null,
    });
    const closed = await store.getTicket(`t:${toClose.id}`);
    expect(closed?.closedAt).not.toBeNull();
    expect(closed?.status?.id).toBe(closedStatusId);
    expect((await store.getTicket(`t:${viewed.id}`))?.status?.id).toBe(newStatus);

    const changed = new Set(
      seen.tickets.flatMap((event) => (event.keys === 'all' ? [] : event.keys)),
    );
    expect(changed).toContain(createdKey);
    expect(changed).toContain(`t:${toClose.id}`);
    expect(changed).toContain(`t:${viewed.id}`);
    await engine.stop();
  });

  it('asked to sync while a run is under way, runs once more after it and finds what changed meanwhile', async () => {
    const sim = await r.sim({ tickets: 200 });
    const store = await r.store(join(r.dir(), 'profile.sqlite'));
    await store.setSetting('sync.windowDays', 200);
    const events = new EventHub();
    const engine = createSyncEngine({
      store,
      client: clientFor(sim.url),
      events,
      connectivity: createConnectivity(),
      profile: { id: 'p1' },
      refreshLimit: 3,
    });
    expect((await engine.runNow()).lastError).toBeNull();
    const viewed = sim.state().find((t) => t.closedAt === null);
    if (!viewed) throw new Error('the simulator has no open tickets');
    const key = `t:${viewed.id}`;
    // Viewed, it is the first ticket each run refreshes.
    await engine.refreshTicket(key);

    // A colleague writes on it just after a run refreshed it, and the agent presses "Sincronizar
    // agora" before that run has ended: twice, as an impatient agent does.
    const text = 'O cliente ligou de novo';
    let asked: Promise<SyncStatus>[] = [];
    events.subscribe((event, payload) => {
      if (asked.length > 0 || event !== 'tickets') return;
      const { keys } = payload as Events['tickets'];
      if (keys === 'all' || !keys.includes(key)) return;
      expect(sim.messageByOther(viewed.protocol, text)).toBe(true);
      asked = [engine.runNow(), engine.runNow()];
    });
    const run = engine.runNow();
    await run;
    expect(asked).toHaveLength(2);
    expect(asked[0]).not.toBe(run);
    expect(asked[1]).toBe(asked[0]);

    expect((await asked[0])?.lastError).toBeNull();
    const cached = await store.getTicket(key);
    expect(cached?.messages.map((message) => message.text)).toContain(text);
    await engine.stop();
  });

  it('opening a ticket fetches its opening text at once and marks it viewed', async () => {
    const sim = await r.sim({ tickets: 200 });
    const store = await r.store(join(r.dir(), 'profile.sqlite'));
    await store.setSetting('sync.windowDays', 200);
    const events = new EventHub();
    const seen = recordEvents(events);
    const engine = createSyncEngine({
      store,
      client: clientFor(sim.url),
      events,
      connectivity: createConnectivity(),
      profile: { id: 'p1' },
      refreshLimit: 0,
    });
    await engine.runNow();
    const record = sim.state().find((t) => t.messages.length > 1);
    if (!record) throw new Error('the simulator has no ticket with messages');
    const key = `t:${record.id}`;
    // The list brings the messages (relacoes); only the detail has the opening text (fact 33).
    const listed = await store.getTicket(key);
    expect(listed?.messages.map((m) => m.id).sort()).toEqual(
      record.messages.map((m) => m.id).sort(),
    );
    expect(listed?.description).toBeNull();
    expect(listed?.detailFetchedAt).toBeNull();

    await engine.refreshTicket(key);

    const ticket = await store.getTicket(key);
    expect(ticket?.messages.map((m) => m.id)).toEqual(record.messages.map((m) => m.id));
    expect(ticket?.description).toBe(record.description);
    expect(ticket?.status?.id).toBe(record.statusId);
    expect(ticket?.type?.id).toBe(record.typeId);
    expect(ticket?.lastViewedAt).not.toBeNull();
    expect(ticket?.detailFetchedAt).not.toBeNull();
    expect(seen.tickets.at(-1)).toEqual({ keys: [key] });
    await engine.stop();
  });

  it('once started, syncs at once and again every interval, and remembers when it last did', async () => {
    const sim = await r.sim({ tickets: 200 });
    const store = await r.store(join(r.dir(), 'profile.sqlite'));
    await store.setSetting('sync.windowDays', 200);
    const events = new EventHub();
    const seen = recordEvents(events);
    const options = {
      store,
      client: clientFor(sim.url),
      events,
      connectivity: createConnectivity(),
      profile: { id: 'p1' },
      refreshLimit: 0,
      intervalMs: 50,
    };
    const engine = createSyncEngine(options);
    const finishedRuns = () => seen.sync.filter((s) => s.phase === 'idle' && !s.running).length;
    engine.start();
    await eventually(() => finishedRuns() >= 3, 'three runs');
    await engine.stop();
    const phases = seen.sync.map((s) => s.phase);
    expect(phases.filter((p) => p === 'backfill').length).toBeGreaterThan(0);
    // After the first run, only incremental runs: the backfill is not repeated.
    const firstIdle = seen.sync.findIndex((s) => s.phase === 'idle' && !s.running && s.lastSyncAt);
    expect(seen.sync.slice(firstIdle).some((s) => s.phase === 'backfill')).toBe(false);
    expect(seen.sync.slice(firstIdle).some((s) => s.phase === 'incremental')).toBe(true);
    const lastSyncAt = engine.status().lastSyncAt;
    expect(lastSyncAt).not.toBeNull();

    const again = createSyncEngine({ ...options, events: new EventHub(), intervalMs: 60_000 });
    again.start();
    await again.stop();
    await eventually(() => again.status().lastSyncAt !== null, 'the remembered sync time');
    expect(again.status()).toMatchObject({ cachedTickets: 200, lastSyncAt });
  });
});
