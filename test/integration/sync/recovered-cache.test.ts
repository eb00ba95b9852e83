import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../../main/api/events';
import { HubsoftClient } from '../../../main/hubsoft/client';
import { openStore, type Store } from '../../../main/store/client';
import { createConnectivity } from '../../../main/sync/connectivity';
import { createSyncEngine } from '../../../main/sync/engine';
import { MemoryTokenStore } from '../hubsoft/local-server';
import { corruptMiddle, seedProfile } from '../store/damage';
import { tempDirs } from '../../unit/store/fixtures';

const dirs = tempDirs();
let store: Store | null = null;

afterEach(async () => {
  await store?.close();
  store = null;
  dirs.cleanup();
});

function engineFor(opened: Store) {
  const client = new HubsoftClient({
    credentials: {
      baseUrl: 'http://127.0.0.1:9',
      clientId: 'c',
      clientSecret: 's',
      username: 'u@example.com',
      password: null,
    },
    tokenStore: new MemoryTokenStore(),
  });
  return createSyncEngine({
    store: opened,
    client,
    events: new EventHub(),
    connectivity: createConnectivity({ initialOnline: false }),
    profile: { id: 'p' },
  });
}

describe('a cache rebuilt after damage', () => {
  it('tells the agent, through the sync status, what was saved from the damaged file', async () => {
    const file = join(dirs.make(), 'cache.sqlite');
    seedProfile(file);
    corruptMiddle(file);
    // What the background check leaves behind when it finds damage: the next open checks it all.
    writeFileSync(`${file}.check-needed`, new Date().toISOString());

    store = await openStore({ file });
    expect(engineFor(store).status().cacheRecovered).toEqual({
      drafts: 3,
      actions: 3,
      attachments: 1,
    });
  });

  it('says nothing on a healthy open', async () => {
    const file = join(dirs.make(), 'cache.sqlite');
    seedProfile(file);
    store = await openStore({ file });
    expect(engineFor(store).status().cacheRecovered).toBeNull();
  });
});
