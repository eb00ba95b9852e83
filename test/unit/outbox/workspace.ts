/**
 * A workspace for the outbox services on a real SQLite file, with a sender that is never started:
 * the services' own rules (validation, drafts, local changes) are tested without a server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventHub } from '../../../main/api/events';
import type { CurrentWorkspace, Workspace } from '../../../main/api/workspace';
import { HubsoftClient } from '../../../main/hubsoft/client';
import { createOutboxSender } from '../../../main/outbox/sender';
import { openStore, type Store } from '../../../main/store/client';
import { createConnectivity } from '../../../main/sync/connectivity';
import { createSyncEngine } from '../../../main/sync/engine';
import type { EventName } from '../../../preload/contract';
import { MemoryTokens } from '../../integration/outbox/harness';

export interface LocalWorkspace {
  dir: string;
  store: Store;
  current: CurrentWorkspace;
  events: EventName[];
  close(): Promise<void>;
}

export async function openLocalWorkspace(): Promise<LocalWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-outbox-unit-'));
  const store = await openStore({ file: join(dir, 'profile.sqlite') });
  // Port 9 (discard) on loopback: nothing here ever sends.
  const client = new HubsoftClient({
    credentials: {
      baseUrl: 'http://127.0.0.1:9',
      clientId: 'cliente',
      clientSecret: 'segredo',
      username: 'agente@provedor.local',
      password: null,
    },
    tokenStore: new MemoryTokens(),
  });
  const connectivity = createConnectivity();
  const hub = new EventHub();
  const events: EventName[] = [];
  hub.subscribe((name) => events.push(name));
  const stagingDir = join(dir, 'staging');
  const outbox = createOutboxSender({ store, client, events: hub, connectivity, stagingDir });
  const workspace: Workspace = {
    profile: {
      id: 'local',
      userId: null,
      baseUrl: 'http://127.0.0.1:9',
      username: 'agente@provedor.local',
      clientId: 'cliente',
      demo: false,
      lastUsedAt: null,
      cacheFile: join(dir, 'profile.sqlite'),
      stagingDir,
    },
    store,
    client,
    connectivity,
    sync: createSyncEngine({ store, client, events: hub, connectivity, profile: { id: 'local' } }),
    outbox,
  };
  return {
    dir,
    store,
    current: () => workspace,
    events,
    async close() {
      await outbox.stop();
      connectivity.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
