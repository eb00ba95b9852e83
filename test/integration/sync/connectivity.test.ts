import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectivity, httpProbe, type Connectivity } from '../../../main/sync/connectivity';
import { createSyncEngine } from '../../../main/sync/engine';
import { clientFor, EventHub, recordEvents, resources } from './sync-fixture';

const r = resources();
afterEach(() => r.cleanup());

const quickClient = {
  retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
  timeoutMs: 3_000,
};

function nextChange(connectivity: Connectivity): Promise<boolean> {
  return new Promise((resolve) => {
    const off = connectivity.onChange((online) => {
      off();
      resolve(online);
    });
  });
}

async function syncedWorkspace(tickets: number) {
  const sim = await r.sim({ tickets });
  const store = await r.store(join(r.dir(), 'profile.sqlite'));
  await store.setSetting('sync.windowDays', 200);
  const events = new EventHub();
  const seen = recordEvents(events);
  const connectivity = createConnectivity({
    probe: httpProbe(sim.url),
    probeBackoff: { baseMs: 20, maxMs: 200, timeoutMs: 1_000 },
  });
  const engine = createSyncEngine({
    store,
    client: clientFor(sim.url, quickClient),
    events,
    connectivity,
    profile: { id: 'p1' },
    refreshLimit: 3,
  });
  expect((await engine.runNow()).lastError).toBeNull();
  return { sim, store, seen, connectivity, engine };
}

describe('connectivity during sync', () => {
  it('goes offline when the server stops, waits without errors, and resumes when it returns', async () => {
    const { sim, seen, connectivity, engine } = await syncedWorkspace(100);
    await sim.close();
    seen.sync.splice(0);

    const wentOffline = nextChange(connectivity);
    const run = engine.runNow();
    expect(await wentOffline).toBe(false);
    expect(engine.status()).toMatchObject({ online: false, running: true });

    const cameBack = nextChange(connectivity);
    await r.sim({ tickets: 100, port: sim.port });
    expect(await cameBack).toBe(true);
    const status = await run;

    expect(status).toMatchObject({ online: true, running: false, lastError: null });
    expect(seen.sync.some((s) => !s.online)).toBe(true);
    expect(seen.sync.filter((s) => s.lastError !== null)).toEqual([]);
    await engine.stop();
    connectivity.stop();
  });

  it('says the configuration lists are stored as soon as they are, not when a run waiting offline ends', async () => {
    const sim = await r.sim({ tickets: 100 });
    const store = await r.store(join(r.dir(), 'profile.sqlite'));
    const events = new EventHub();
    const seen = recordEvents(events);
    const connectivity = createConnectivity({
      probe: httpProbe(sim.url),
      probeBackoff: { baseMs: 20, maxMs: 200, timeoutMs: 1_000 },
    });
    const engine = createSyncEngine({
      store,
      client: clientFor(sim.url, quickClient),
      events,
      connectivity,
      profile: { id: 'p1' },
    });
    // The link drops right after the lists came: the first backfill waits for it to return.
    const listsStored = new Promise<void>((resolve) => {
      events.subscribe((event) => {
        if (event !== 'config') return;
        sim.setFaults({ resetRate: 1 });
        resolve();
      });
    });
    const wentOffline = nextChange(connectivity);
    const run = engine.runNow();
    await listsStored;
    expect(await wentOffline).toBe(false);

    // What the O.S. and close dialogs read is there while the run still waits.
    expect(engine.status()).toMatchObject({ running: true, online: false });
    expect(seen.config).toEqual([{ failedLists: 0 }]);
    expect((await store.getConfigList('technicians'))?.items.length).toBeGreaterThan(0);

    sim.setFaults({});
    expect((await run).lastError).toBeNull();
    await engine.stop();
    connectivity.stop();
  });

  it('believes the OS when it says offline, and probes when it says online again', async () => {
    const { seen, connectivity, engine } = await syncedWorkspace(100);
    connectivity.setOsHint(false);
    expect(engine.status().online).toBe(false);
    // The engine reports the change itself: the status it emits says offline.
    expect(seen.sync.at(-1)?.online).toBe(false);

    const run = engine.runNow();
    const cameBack = nextChange(connectivity);
    connectivity.setOsHint(true);
    expect(await cameBack).toBe(true);
    expect(await run).toMatchObject({ online: true, lastError: null });
    await engine.stop();
    connectivity.stop();
  });

  it('stops cleanly while waiting for the server', async () => {
    const { sim, connectivity, engine } = await syncedWorkspace(50);
    await sim.close();
    connectivity.setOsHint(false);
    const run = engine.runNow();
    await engine.stop();
    expect(await run).toMatchObject({ running: false, lastError: null });
    connectivity.stop();
  });
});
