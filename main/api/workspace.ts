/**
 * What the services work on once an agent is signed in: one profile's store, HubSoft client,
 * connectivity, sync engine and outbox. The session opens and closes it; the services ask for the
 * current one.
 */
import type { HubsoftClient } from '../hubsoft/client';
import type { OutboxSender } from '../outbox/sender';
import type { WorkspaceProfile } from '../session/types';
import type { Store } from '../store/client';
import type { ConnectivitySignal } from '../sync/connectivity-signal';
import type { SyncEngine } from '../sync/engine';

export type { WorkspaceProfile };

export interface Workspace {
  readonly profile: WorkspaceProfile;
  readonly store: Store;
  readonly client: HubsoftClient;
  readonly connectivity: ConnectivitySignal;
  readonly sync: SyncEngine;
  readonly outbox: OutboxSender;
}

/** The open workspace; throws AppError('unauthorized') when no agent is signed in. */
export type CurrentWorkspace = () => Workspace;
