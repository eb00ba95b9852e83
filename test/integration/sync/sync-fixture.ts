/** What the sync tests share: a simulator, a client signed in to it, a store file, the events. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, Events } from '../../../preload/contract';
import { EventHub } from '../../../main/api/events';
import { HubsoftClient, type HubsoftClientOptions } from '../../../main/hubsoft/client';
import { DEMO_ACCOUNT } from '../../../main/sim/demo-account';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import { openStore, type Store } from '../../../main/store/client';
import { MemoryTokenStore } from '../hubsoft/local-server';

export function clientFor(
  url: string,
  options: Partial<Omit<HubsoftClientOptions, 'credentials' | 'tokenStore'>> = {},
): HubsoftClient {
  return new HubsoftClient({
    credentials: { baseUrl: url, ...DEMO_ACCOUNT },
    tokenStore: new MemoryTokenStore(),
    ...options,
  });
}

/** Recorded events, by name, in the order they were emitted. */
export function recordEvents(hub: EventHub): { [E in EventName]: Events[E][] } {
  const seen: { [E in EventName]: Events[E][] } = {
    tickets: [],
    outbox: [],
    sync: [],
    config: [],
    connectivity: [],
    upload: [],
    session: [],
  };
  hub.subscribe((event, payload) => {
    (seen[event] as unknown[]).push(payload);
  });
  return seen;
}

/** Resolves once `check` holds; polls, since what it waits for has no event of its own. */
export function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (check()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`still waiting for ${what}`));
      }
    }, 5);
  });
}

/** Servers, stores and temp dirs made by a test, closed in afterEach. */
export function resources() {
  const sims: RunningSimulator[] = [];
  const stores: Store[] = [];
  const dirs: string[] = [];
  return {
    async sim(options: { tickets: number; seed?: number; latencyMs?: number; port?: number }) {
      const sim = await startSimulator({ port: 0, seed: 11, latencyMs: 0, ...options });
      sims.push(sim);
      return sim;
    },
    dir(): string {
      const dir = mkdtempSync(join(tmpdir(), 'hubdesk-sync-'));
      dirs.push(dir);
      return dir;
    },
    async store(file: string): Promise<Store> {
      const store = await openStore({ file });
      stores.push(store);
      return store;
    },
    async cleanup(): Promise<void> {
      await Promise.all(stores.splice(0).map((store) => store.close().catch(() => undefined)));
      await Promise.all(sims.splice(0).map((sim) => sim.close().catch(() => undefined)));
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { EventHub };
