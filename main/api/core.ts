/**
 * The core both shells run: secrets, the session with its workspace, demo mode, and the services
 * behind the contract. Electron and the browser host differ only in what they pass in.
 */
import type { SafeStorageLike } from '../secrets';
import { createSecretStore } from '../secrets';
import { createDemoMode } from '../demo/demo-mode';
import { SessionManager } from '../session/session-manager';
import type { Services } from '../../preload/contract';
import type { AppEnvironment } from './app-service';
import { EventHub } from './events';
import { createServices } from './services';
import { createCompatibilityReports } from './compatibility-reports';
import { createDiagnosticsExport } from './diagnostics-service';
import { createWorkspaces, type WorkspaceFactoryOptions } from './workspace-factory';

export interface CoreOptions {
  environment: AppEnvironment;
  /** Electron's safeStorage, the keychain fallback; the browser host has none. */
  safeStorage?: SafeStorageLike | null;
  /** Electron's native file picker, answering file paths; the browser host has none. */
  pickFiles?: () => Promise<string[]>;
  osOnline?: WorkspaceFactoryOptions['osOnline'];
  storeWorkerUrl?: URL | string;
  /** Start in demo mode when no account is set up (`--demo`). */
  demo?: boolean;
  /** Electron's save dialog for "export diagnostics"; null when cancelled. */
  chooseDiagnosticsDestination?: (suggestedName: string) => Promise<string | null>;
  log?: WorkspaceFactoryOptions['log'];
}

export interface Core {
  services: Services;
  events: EventHub;
  /** Where the secrets are kept, in Portuguese, for diagnostics and the banner. */
  secretsMessage: string;
  dispose(): Promise<void>;
}

export async function startCore(options: CoreOptions): Promise<Core> {
  const events = new EventHub();
  const { store: secrets, reason } = await createSecretStore({
    dataDir: options.environment.dataDir,
    safeStorage: options.safeStorage ?? null,
  });
  const workspaces = createWorkspaces({
    events,
    storeWorkerUrl: options.storeWorkerUrl,
    osOnline: options.osOnline,
    log: options.log,
  });
  const demo = createDemoMode();
  const session = await SessionManager.create({
    dataDir: options.environment.dataDir,
    secrets,
    openWorkspace: workspaces.open,
    demo,
  });
  const unsubscribe = session.onChange((status) => events.emit('session', status));
  const restored = await session.restore();
  if (options.demo && restored.state === 'signed_out') {
    const accounts = session.profiles().filter((profile) => !profile.demo);
    if (accounts.length === 0) await session.startDemo();
  }

  const compatibilityReports = createCompatibilityReports(workspaces.current);
  const exportDiagnostics = createDiagnosticsExport({
    environment: options.environment,
    readSettings: () => ({ secretsStorage: reason.message, shell: options.environment.shell }),
    readCompatibility: () => compatibilityReports.latest(),
    readConfigListFailures: () => {
      try {
        return workspaces.current().sync.status().failedConfigLists;
      } catch {
        // Signed out: no profile, no lists.
        return [];
      }
    },
    chooseDestination: options.chooseDiagnosticsDestination,
  });

  return {
    events,
    secretsMessage: reason.message,
    services: createServices({
      environment: options.environment,
      session,
      current: workspaces.current,
      pickFiles: options.pickFiles,
      exportDiagnostics,
      compatibilityReports,
    }),
    dispose: async () => {
      unsubscribe();
      await session.dispose();
      await demo.dispose();
    },
  };
}
