/**
 * What the session tests share: a small real workspace (the profile's SQLite cache through the
 * store worker, plus a record of what the manager did to it), the secret stores to run against,
 * and temp folders that are removed afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubsoftClient } from '../../../main/hubsoft';
import { createSecretStore, type SecretStore } from '../../../main/secrets';
import { createSafeStorageStore } from '../../../main/secrets/safe-storage-store';
import type {
  OpenWorkspace,
  SessionWorkspace,
  WorkspaceProfile,
} from '../../../main/session/types';
import { openStore, type Store } from '../../../main/store/client';
import { fakeSafeStorage } from '../../unit/secrets/fakes';

export interface TestWorkspace extends SessionWorkspace {
  profile: WorkspaceProfile;
  /** The client the manager handed over (auth failures through it reach the manager). */
  client: HubsoftClient;
  store: Store;
  closed: boolean;
  purged: boolean;
  /** Fetches the first page of tickets and caches it, as a sync would; answers their keys. */
  syncFirstPage(): Promise<string[]>;
}

export function recordingWorkspaces(): { open: OpenWorkspace; opened: TestWorkspace[] } {
  const opened: TestWorkspace[] = [];
  const open: OpenWorkspace = async (profile, client) => {
    const store = await openStore({ file: profile.cacheFile });
    const workspace: TestWorkspace = {
      profile,
      client,
      store,
      closed: false,
      purged: false,
      async close() {
        workspace.closed = true;
        await store.close();
      },
      async outboxCount() {
        return (await store.listActions()).length;
      },
      async purgeCache() {
        workspace.purged = true;
        return (await store.listActions()).length;
      },
      async syncFirstPage() {
        const page = await client.listTickets({ page: 0, perPage: 50 });
        return store.upsertRemoteTickets(page.tickets);
      },
    };
    opened.push(workspace);
    return workspace;
  };
  return { open, opened };
}

export interface TempDirs {
  make(prefix: string): Promise<string>;
  cleanup(): Promise<void>;
}

export function tempDirs(): TempDirs {
  const made: string[] = [];
  return {
    async make(prefix) {
      const dir = await mkdtemp(join(tmpdir(), `hubdesk-${prefix}-`));
      made.push(dir);
      return dir;
    },
    async cleanup() {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

/** Electron's safeStorage stand-in writing real ciphertext to `<dataDir>/secrets.json`. */
export function safeStorageSecrets(dataDir: string): SecretStore {
  return createSafeStorageStore({ safeStorage: fakeSafeStorage(), dataDir });
}

/**
 * The OS keychain when a Secret Service answers (scripts/with-keyring.sh), with why not otherwise.
 * Under the script (HUBDESK_KEYRING_REQUIRED) a missing keychain is a failure, not a skip.
 */
export async function keychainSecrets(): Promise<{ store: SecretStore | null; missing: string }> {
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    return { store: null, missing: 'no D-Bus session; run under scripts/with-keyring.sh' };
  }
  const { store, reason } = await createSecretStore({
    dataDir: join(tmpdir(), 'hubdesk-session-keychain-unused'),
    safeStorage: null,
    probeTimeoutMs: 3_000,
  });
  if (store.kind === 'keychain') return { store, missing: '' };
  return { store: null, missing: `no keychain (${reason.keychain})` };
}

export const keyringRequired = process.env.HUBDESK_KEYRING_REQUIRED === '1';
