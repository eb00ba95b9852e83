import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../main/store/client';
import { createConnectivity } from '../../../main/sync/connectivity';
import { createSyncEngine } from '../../../main/sync/engine';
import { clientFor, EventHub, resources } from './sync-fixture';

const r = resources();
afterEach(() => r.cleanup());

const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

async function foundIds(store: Store, word: string): Promise<Set<number>> {
  const ids = new Set<number>();
  let cursor: string | null = null;
  do {
    const page = await store.listTickets({ status: 'all', search: word, limit: 500, cursor });
    for (const ticket of page.items) if (ticket.id !== null) ids.add(ticket.id);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

describe('search right after the first sync', () => {
  it('finds at least 95% of the tickets whose messages hold a word', async () => {
    const sim = await r.sim({ tickets: 1_000 });
    const store = await r.store(join(r.dir(), 'profile.sqlite'));
    await store.setSetting('sync.windowDays', 3650);
    const engine = createSyncEngine({
      store,
      client: clientFor(sim.url),
      events: new EventHub(),
      connectivity: createConnectivity(),
      profile: { id: 'p1' },
      // Only what the first run itself brings: no detail refresh, no opening-text filler.
      refreshLimit: 0,
      openingTextsPerSecond: 0,
    });
    const status = await engine.runNow();
    expect(status).toMatchObject({ lastError: null, cachedTickets: 1_000 });

    for (const word of ['WhatsApp', 'concentrador', 'tecnico']) {
      // The simulator's own truth: the tickets it wrote the word into a message of.
      const holders = sim
        .state()
        .filter((record) =>
          record.messages.some((message) =>
            new RegExp(`\\b${folded(word)}\\b`).test(folded(message.text)),
          ),
        )
        .map((record) => record.id);
      expect(holders.length, `tickets with "${word}"`).toBeGreaterThan(20);
      const found = await foundIds(store, word);
      const share = holders.filter((id) => found.has(id)).length / holders.length;
      expect(share, `share of "${word}" found`).toBeGreaterThanOrEqual(0.95);
    }
    await engine.stop();
  });
});
