import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ipcChannel, methods } from '../../../preload/contract';
import { loadElectronEntry, unloadElectronEntry } from './electron-entry';

const root = path.resolve(import.meta.dirname, '../../..');

afterEach(unloadElectronEntry);

/** Callers that must never reach a service: every frame but the app's own top frame. */
const untrusted = (windowId: number) =>
  [
    [
      'another window',
      {
        sender: { id: windowId + 100 },
        senderFrame: { url: 'app://hubdesk/index.html', parent: null },
      },
    ],
    [
      'a remote page in the window',
      { sender: { id: windowId }, senderFrame: { url: 'https://evil.example/', parent: null } },
    ],
    [
      'a frame inside the app',
      { sender: { id: windowId }, senderFrame: { url: 'app://hubdesk/index.html', parent: {} } },
    ],
    ['a frame already gone', { sender: { id: windowId }, senderFrame: null }],
  ] as const;

describe('IPC in the running Electron entry', () => {
  it('has one handler per contract method and no other', async () => {
    const { fake } = await loadElectronEntry();
    expect([...fake.handlers.keys()].sort()).toEqual(
      methods.map((entry) => ipcChannel(entry.name)).sort(),
    );
  });

  it('refuses, on every channel, a caller that is not the app’s own main frame', async () => {
    const { fake, serviceCalls, window } = await loadElectronEntry();
    for (const [channel, handler] of fake.handlers) {
      for (const [who, event] of untrusted(window.webContents.id)) {
        const answer = await handler(event, []);
        expect(answer, `${channel} from ${who}`).toMatchObject({
          ok: false,
          error: { code: 'forbidden_sender' },
        });
      }
    }
    expect(serviceCalls).toEqual([]);
  });

  it('lets the app’s own main frame through to the service', async () => {
    const { fake, serviceCalls, window } = await loadElectronEntry();
    const trusted = {
      sender: { id: window.webContents.id },
      senderFrame: { url: 'app://hubdesk/index.html', parent: null },
    };
    const answer = await fake.handlers.get(ipcChannel('app.info'))!(trusted, []);
    expect(answer).toMatchObject({ ok: true, value: { shell: 'electron' } });
    expect(serviceCalls).toEqual(['app.info']);
  });
});

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|cts)$/.test(entry) ? [full] : [];
  });
}

describe('IPC in the source', () => {
  it('is registered in main/app/ipc.ts only, so no handler can skip the sender check', () => {
    const registering =
      /\bipcMain\s*\.\s*(handle|handleOnce|on|once|addListener|prependListener)\s*\(/;
    const offenders = [
      ...sourceFiles(path.join(root, 'main')),
      ...sourceFiles(path.join(root, 'preload')),
    ]
      .filter((file) => registering.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual(['main/app/ipc.ts']);
  });

  it('checks the sender in the handler itself, before dispatching', () => {
    const ipc = readFileSync(path.join(root, 'main/app/ipc.ts'), 'utf8');
    const handles = ipc.match(/ipcMain\.handle\([^;]*\);/gs) ?? [];
    expect(handles).toHaveLength(1);
    expect(handles[0]).toMatch(/isTrustedSender\(event\)\s*\?\s*dispatch\(/);
  });

  it('is wired in the entry with the main-window sender check', () => {
    const entry = readFileSync(path.join(root, 'main/app/index.ts'), 'utf8');
    expect(entry).toMatch(/registerIpcHandlers\(\s*ipcMain,\s*dispatch,\s*createSenderCheck\(/);
  });
});
