/**
 * Opens a profile's workspace for the session: the SQLite cache, connectivity, the sync engine and
 * the outbox sender, started together and stopped in reverse order. Holds the one open workspace
 * the services reach through `current()`.
 */
import { mkdir } from 'node:fs/promises';
import { AppError } from '../../preload/errors';
import type { HubsoftClient } from '../hubsoft/client';
import type { OutboxLog } from '../outbox/attempt-log';
import type { RetryTiming } from '../outbox/retry-policy';
import { createOutboxSender } from '../outbox/sender';
import type { OpenWorkspace, SessionWorkspace, WorkspaceProfile } from '../session/types';
import { openStore } from '../store/client';
import { createConnectivity, type ProbeBackoff } from '../sync/connectivity';
import { createSyncEngine } from '../sync/engine';
import { hubsoftProbe } from '../sync/remote-call';
import type { SyncLog } from '../sync/sync-log';
import type { EventHub } from './events';
import type { CurrentWorkspace, Workspace } from './workspace';

export interface WorkspaceFactoryOptions {
  events: EventHub;
  /** The store worker's code, when not beside the running bundle (see main/store/worker-location). */
  storeWorkerUrl?: URL | string;
  /** The OS's own online/offline hint (Electron's `net`); the browser host has none. */
  osOnline?: { current(): boolean; onChange(listener: (online: boolean) => void): () => void };
  /**
   * The scrubbed logger: sync's records of runs, pages and detail fetches, the outbox's attempt
   * lines and defects.
   */
  log?: SyncLog & OutboxLog;
  /**
   * The outbox's retry backoff and the reachability probe's: the chaos run shortens them so a
   * minute goes through many failure and recovery cycles. Defaults are the app's.
   */
  timings?: { retry?: Partial<RetryTiming>; probeBackoff?: ProbeBackoff };
}

export interface Workspaces {
  open: OpenWorkspace;
  current: CurrentWorkspace;
}

const signedOut = () =>
  new AppError('unauthorized', 'Entre na sua conta do HubSoft (ou use os dados de demonstração).');

export function createWorkspaces(options: WorkspaceFactoryOptions): Workspaces {
  let active: Workspace | null = null;

  const open = async (
    profile: WorkspaceProfile,
    client: HubsoftClient,
  ): Promise<SessionWorkspace> => {
    await mkdir(profile.stagingDir, { recursive: true });
    const store = await openStore({ file: profile.cacheFile, workerUrl: options.storeWorkerUrl });
    const connectivity = createConnectivity({
      probe: hubsoftProbe(client),
      initialOnline: options.osOnline?.current() ?? true,
      ...(options.timings?.probeBackoff ? { probeBackoff: options.timings.probeBackoff } : {}),
    });
    const unsubscribers = [
      connectivity.onChange((online) => options.events.emit('connectivity', { online })),
      options.osOnline?.onChange((online) => connectivity.setOsHint(online)) ?? (() => undefined),
    ];
    const sync = createSyncEngine({
      store,
      client,
      events: options.events,
      connectivity,
      profile: { id: profile.id },
      userId: profile.userId,
      ...(options.log ? { log: options.log } : {}),
    });
    const outbox = createOutboxSender({
      store,
      client,
      events: options.events,
      connectivity,
      stagingDir: profile.stagingDir,
      ...(options.log ? { log: options.log } : {}),
      ...(options.timings?.retry ? { retry: options.timings.retry } : {}),
    });
    unsubscribers.push(
      outbox.onUploadProgress((progress) => options.events.emit('upload', progress)),
    );
    const workspace: Workspace = { profile, store, client, connectivity, sync, outbox };
    active = workspace;
    sync.start();
    outbox.start();

    return {
      close: async () => {
        if (active === workspace) active = null;
        for (const unsubscribe of unsubscribers) unsubscribe();
        await Promise.all([sync.stop(), outbox.stop()]);
        connectivity.stop();
        await store.close();
      },
      purgeCache: async () => {
        await store.purgeCache();
        return unsentCount(await outbox.counts());
      },
      outboxCount: async () => unsentCount(await outbox.counts()),
    };
  };

  const current: CurrentWorkspace = () => {
    if (!active) throw signedOut();
    return active;
  };

  return { open, current };
}

function unsentCount(counts: {
  queued: number;
  sending: number;
  failed: number;
  needsAttention: number;
}) {
  return counts.queued + counts.sending + counts.failed + counts.needsAttention;
}
