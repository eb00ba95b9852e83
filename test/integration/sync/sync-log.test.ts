import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/log/logger';
import { logFiles } from '../../../main/log/rotating-file';
import { createConnectivity } from '../../../main/sync/connectivity';
import { createSyncEngine } from '../../../main/sync/engine';
import { clientFor, EventHub, resources } from './sync-fixture';

const r = resources();
afterEach(() => r.cleanup());

type Record = { [field: string]: unknown };

describe('the sync log', () => {
  it('records each run, page and detail fetch with its numbers, and no ticket text or name', async () => {
    const sim = await r.sim({ tickets: 250 });
    const dataDir = r.dir();
    const { logger, close } = createLogger({ dataDir });
    const store = await r.store(join(dataDir, 'profile.sqlite'));
    await store.setSetting('sync.windowDays', 3650);
    const engine = createSyncEngine({
      store,
      client: clientFor(sim.url),
      events: new EventHub(),
      connectivity: createConnectivity(),
      profile: { id: 'p1' },
      refreshLimit: 3,
      log: logger,
    });
    await engine.runNow();
    await engine.stop();
    close();

    const records = readFileSync(logFiles(dataDir).current, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record);
    const of = (event: string) => records.filter((record) => record.event === event);

    expect(of('run').map((record) => record.outcome)).toEqual(['started', 'ok']);
    expect(of('run')[1]).toMatchObject({ durationMs: expect.any(Number) });
    const pages = of('page');
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      expect(page).toMatchObject({
        endpoint: 'GET /atendimento/todos',
        page: expect.any(Number),
        size: expect.any(Number),
        durationMs: expect.any(Number),
        outcome: 'ok',
      });
    }
    const details = of('detail');
    expect(details).toHaveLength(3);
    for (const detail of details) {
      expect(detail).toMatchObject({
        endpoint: 'GET /cliente/atendimento',
        outcome: 'ok',
        durationMs: expect.any(Number),
      });
    }

    const written = JSON.stringify(records);
    for (const record of sim.state().slice(0, 50)) {
      expect(written).not.toContain(record.description);
      expect(written).not.toContain(record.contactName);
      for (const message of record.messages) expect(written).not.toContain(message.text);
    }
  });
});
