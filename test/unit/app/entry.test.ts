/**
 * The Electron entry, with a stand-in `electron` module: what it registers, in which order, and
 * what it refuses. The real thing runs in the Electron suite where the binary exists.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppService, type AppEnvironment } from '../../../main/api/app-service';
import { EventHub } from '../../../main/api/events';
import { methods } from '../../../preload/contract';
import { createFakeElectron, FakeBrowserWindow, fakeUserDataDir } from './fake-electron';

let fake: ReturnType<typeof createFakeElectron>;

beforeEach(() => {
  vi.resetModules();
  FakeBrowserWindow.created = [];
});
afterAll(() => rmSync(fakeUserDataDir, { recursive: true, force: true }));
afterEach(() => {
  vi.doUnmock('electron');
  vi.doUnmock('../../../main/api/core');
});

const startCore = vi.fn();

async function loadEntry(options: { singleInstance: boolean }) {
  fake = createFakeElectron(options);
  vi.doMock('electron', () => fake.electron);
  // The core runs for real in the integration and end-to-end suites; here only what the glue
  // hands it matters.
  startCore.mockReset();
  startCore.mockImplementation(async (core: { environment: AppEnvironment }) => ({
    services: { app: createAppService(core.environment) },
    events: new EventHub(),
    secretsMessage: '',
    dispose: vi.fn(async () => undefined),
  }));
  vi.doMock('../../../main/api/core', () => ({ startCore }));
  await import('../../../main/app/index');
}

describe('the Electron entry', () => {
  it('quits at once when another instance already runs', async () => {
    await loadEntry({ singleInstance: false });
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('registers the app:// scheme as privileged before the app is ready', async () => {
    await loadEntry({ singleInstance: true });
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ secure: true, standard: true }),
      }),
    ]);
    expect(fake.electron.protocol.handle).not.toHaveBeenCalled();
  });

  it('once ready: serves the renderer, handles every method, sets a menu and opens a secure window', async () => {
    await loadEntry({ singleInstance: true });
    fake.resolveReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));

    expect(fake.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.handlers.size).toBe(methods.length);
    expect(fake.session.permissionRequest).toBeTypeOf('function');
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalled();

    const window = FakeBrowserWindow.created[0]!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[/\\]index\.cjs$/,
    );
    expect(window.loadedUrl).toBe('app://hubdesk/index.html');
  });

  it('shows what is left to send in the outbox as the dock or launcher badge', async () => {
    await loadEntry({ singleInstance: true });
    fake.resolveReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
    const core = (await startCore.mock.results[0]!.value) as { events: EventHub };
    core.events.emit('outbox', { queued: 2, sending: 1, failed: 1, needsAttention: 0 });
    expect(fake.electron.app.setBadgeCount).toHaveBeenLastCalledWith(3);
    core.events.emit('outbox', { queued: 0, sending: 0, failed: 0, needsAttention: 0 });
    expect(fake.electron.app.setBadgeCount).toHaveBeenLastCalledWith(0);
  });

  it('hardens every web contents the app creates', async () => {
    await loadEntry({ singleInstance: true });
    const contents = new (await import('./fake-electron')).FakeWebContents(7);
    fake.electron.app.emit('web-contents-created', {}, contents);
    const event = { preventDefault: vi.fn() };
    contents.emit('will-navigate', event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
  });

  it('starts the core with the keychain fallback, the native picker and the user data folder', async () => {
    await loadEntry({ singleInstance: true });
    fake.resolveReady();
    await vi.waitFor(() => expect(startCore).toHaveBeenCalledTimes(1));
    const [options] = startCore.mock.calls[0] as [Record<string, unknown>];
    expect(options.safeStorage).toBe(fake.electron.safeStorage);
    expect(options.pickFiles).toBeTypeOf('function');
    expect(String(options.storeWorkerUrl)).toMatch(/store-worker\.js$/);
    expect(options.environment).toMatchObject({
      shell: 'electron',
      dataDir: fakeUserDataDir,
    });
  });

  it('answers app.info from the electron shell with the user data folder', async () => {
    await loadEntry({ singleInstance: true });
    fake.resolveReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
    const window = FakeBrowserWindow.created[0]!;
    const event = {
      sender: { id: window.webContents.id },
      senderFrame: { url: 'app://hubdesk/index.html', parent: null },
    };
    const answer = await fake.handlers.get('hubdesk:app.info')!(event, []);
    expect(answer).toEqual({
      ok: true,
      value: {
        name: 'HubDesk',
        version: '9.9.9',
        platform: process.platform,
        shell: 'electron',
        dataDir: fakeUserDataDir,
        defaultServerUrl: null,
      },
    });
  });

  it('a core that fails to start is logged, explained in Portuguese with a diagnostics export, and the app ends', async () => {
    await loadEntry({ singleInstance: true });
    startCore.mockRejectedValueOnce(new Error('o cache local está corrompido'));
    // The agent picks "Exportar diagnóstico", then where to save it.
    const destination = path.join(fakeUserDataDir, 'diagnostico-falha.json');
    fake.electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    fake.electron.dialog.showSaveDialog.mockResolvedValueOnce({
      canceled: false,
      filePath: destination,
    });
    fake.resolveReady();
    await vi.waitFor(() => expect(fake.electron.app.exit).toHaveBeenCalledWith(1));

    expect(fake.electron.dialog.showMessageBox.mock.calls[0]?.[0]).toMatchObject({
      type: 'error',
      message: 'O HubDesk não conseguiu iniciar.',
      detail: expect.stringContaining('o cache local está corrompido'),
      buttons: ['Exportar diagnóstico', 'Fechar'],
    });
    const bundle = JSON.parse(readFileSync(destination, 'utf8')) as {
      logs: { records: unknown[] }[];
    };
    expect(bundle.logs.flatMap((log) => log.records)).toContainEqual(
      expect.objectContaining({
        msg: 'startup failed',
        err: expect.objectContaining({ message: 'o cache local está corrompido' }),
      }),
    );
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('a core that fails to start ends the app without a bundle when the agent just closes', async () => {
    await loadEntry({ singleInstance: true });
    startCore.mockRejectedValueOnce(new Error('disco cheio'));
    fake.resolveReady();
    await vi.waitFor(() => expect(fake.electron.app.exit).toHaveBeenCalledWith(1));
    expect(fake.electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(fake.electron.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(existsSync(path.join(fakeUserDataDir, 'diagnostics'))).toBe(false);
  });
});
