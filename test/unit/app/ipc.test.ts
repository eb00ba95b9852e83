import { describe, expect, it, vi } from 'vitest';
import { createSenderCheck, registerIpcHandlers } from '../../../main/app/ipc';
import { ipcChannel, methods } from '../../../preload/contract';
import { createFakeElectron, FakeBrowserWindow } from './fake-electron';

type IpcMainArg = Parameters<typeof registerIpcHandlers>[0];
type WindowArg = Parameters<typeof createSenderCheck>[0];

function setup() {
  const { electron, handlers } = createFakeElectron();
  const window = new FakeBrowserWindow({});
  const dispatch = vi.fn(async () => ({ ok: true as const, value: 'dispatched' }));
  const unregister = registerIpcHandlers(
    electron.ipcMain as unknown as IpcMainArg,
    dispatch,
    createSenderCheck((() => window) as unknown as WindowArg),
  );
  const eventFrom = (overrides: {
    senderId?: number;
    url?: string;
    parent?: unknown;
    frame?: null;
  }) => ({
    sender: { id: overrides.senderId ?? window.webContents.id },
    senderFrame:
      overrides.frame === null
        ? null
        : { url: overrides.url ?? 'app://hubdesk/index.html', parent: overrides.parent ?? null },
  });
  return { handlers, dispatch, unregister, eventFrom, electron };
}

describe('the IPC handlers', () => {
  it('handle every method of the contract on its own channel', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(methods.map((m) => ipcChannel(m.name)).sort());
  });

  it('dispatch a call from the app main frame', async () => {
    const { handlers, dispatch, eventFrom } = setup();
    const answer = await handlers.get('hubdesk:app.info')!(eventFrom({}), []);
    expect(answer).toEqual({ ok: true, value: 'dispatched' });
    expect(dispatch).toHaveBeenCalledWith('app.info', []);
  });

  it.each([
    ['another web contents', { senderId: 999 }],
    ['a page from elsewhere', { url: 'https://evil.example/' }],
    ['a subframe of the app', { parent: { url: 'app://hubdesk/index.html' } }],
    ['a frame already gone', { frame: null }],
  ])('refuse a call from %s before validating anything', async (_label, overrides) => {
    const { handlers, dispatch, eventFrom } = setup();
    const answer = await handlers.get('hubdesk:app.info')!(eventFrom(overrides as never), []);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('are all removed on shutdown', () => {
    const { handlers, unregister } = setup();
    unregister();
    expect(handlers.size).toBe(0);
  });
});
