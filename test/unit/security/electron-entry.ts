/**
 * Loads the real Electron entry (`main/app/index.ts`) against the stand-in `electron` of the app
 * suite, with a core whose services record every call: what the security tests inspect is the
 * glue itself, as it runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { createAppService, type AppEnvironment } from '../../../main/api/app-service';
import { EventHub } from '../../../main/api/events';
import { createFakeElectron, FakeBrowserWindow } from '../app/fake-electron';

export interface LoadedEntry {
  fake: ReturnType<typeof createFakeElectron>;
  /** Names of the services the handlers reached, in order. */
  serviceCalls: string[];
  window: FakeBrowserWindow;
}

/** A services table where every method of every area records its call and answers null. */
function recordingServices(environment: AppEnvironment, calls: string[]) {
  const app = createAppService(environment);
  return new Proxy(
    {},
    {
      get: (_target, area: string) =>
        new Proxy(
          {},
          {
            get:
              (_inner, method: string) =>
              (...args: unknown[]) => {
                calls.push(`${area}.${method}`);
                return area === 'app' && method === 'info' ? app.info() : (args[0] ?? null);
              },
          },
        ),
    },
  );
}

let userDataDir: string | null = null;

export async function loadElectronEntry(): Promise<LoadedEntry> {
  vi.resetModules();
  FakeBrowserWindow.created = [];
  const fake = createFakeElectron({ singleInstance: true });
  // A real, temporary user data folder: the entry writes its log there.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hubdesk-entry-'));
  userDataDir = dataDir;
  fake.electron.app.getPath = vi.fn(() => dataDir);
  const serviceCalls: string[] = [];
  vi.doMock('electron', () => fake.electron);
  vi.doMock('../../../main/api/core', () => ({
    startCore: async (options: { environment: AppEnvironment }) => ({
      services: recordingServices(options.environment, serviceCalls),
      events: new EventHub(),
      secretsMessage: '',
      dispose: async () => undefined,
    }),
  }));
  await import('../../../main/app/index');
  fake.resolveReady();
  await vi.waitFor(() => {
    if (FakeBrowserWindow.created.length !== 1) throw new Error('no window yet');
  });
  return { fake, serviceCalls, window: FakeBrowserWindow.created[0]! };
}

export function unloadElectronEntry(): void {
  vi.doUnmock('electron');
  vi.doUnmock('../../../main/api/core');
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  userDataDir = null;
}
