/**
 * The workspace the app opens at sign-in (see main/api/workspace-factory), built from the same
 * parts with the timings shortened: retries after a fraction of a second instead of seconds to
 * minutes, so a chaos run of one minute goes through many failure and recovery cycles.
 */
import { mkdir } from 'node:fs/promises';
import type { EventHub } from '../../main/api/events';
import type { CurrentWorkspace, Workspace } from '../../main/api/workspace';
import type { HubsoftClient } from '../../main/hubsoft/client';
import { createOutboxSender } from '../../main/outbox/sender';
import type { OpenWorkspace, WorkspaceProfile } from '../../main/session/types';
import { openStore } from '../../main/store/client';
import { createConnectivity } from '../../main/sync/connectivity';
import { createSyncEngine } from '../../main/sync/engine';
import { hubsoftProbe } from '../../main/sync/remote-call';
import { AppError } from '../../preload/errors';

const retry = { baseMs: 150, maxMs: 1_500, authWaitMs: 300 };
const probeBackoff = { baseMs: 100, maxMs: 800 };

export interface ChaosWorkspaces {
  open: OpenWorkspace;
  current: CurrentWorkspace;
}

export function createChaosWorkspaces(events: EventHub): ChaosWorkspaces {
  let active: Workspace | null = null;

  const open: OpenWorkspace = async (profile: WorkspaceProfile, client: HubsoftClient) => {
    await mkdir(profile.stagingDir, { recursive: true });
    const store = await openStore({ file: profile.cacheFile });
    const connectivity = createConnectivity({
      probe: hubsoftProbe(client),
      probeBackoff,
    });
    const sync = createSyncEngine({ store, client, events, connectivity, profile });
    const outbox = createOutboxSender({
      store,
      client,
      events,
      connectivity,
      stagingDir: profile.stagingDir,
      retry,
    });
    const workspace: Workspace = { profile, store, client, connectivity, sync, outbox };
    active = workspace;
    sync.start();
    outbox.start();
    return {
      close: async () => {
        if (active === workspace) active = null;
        await Promise.all([sync.stop(), outbox.stop()]);
        connectivity.stop();
        await store.close();
      },
    };
  };

  const current: CurrentWorkspace = () => {
    if (!active) throw new AppError('unauthorized', 'Sem sessão aberta.');
    return active;
  };

  return { open, current };
}
