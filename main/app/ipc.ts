/**
 * One `ipcMain.handle` per contract method, each refusing callers other than the app's own main
 * frame before the dispatcher validates anything.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannel, methods } from '../../preload/contract';
import type { Envelope } from '../../preload/errors';
import type { Dispatch } from '../api/dispatch';
import { isAppUrl } from './security';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** The sender must be the main window's top frame, showing the app's own page. */
export function createSenderCheck(getWindow: () => BrowserWindow | null): SenderCheck {
  return (event) => {
    const window = getWindow();
    const frame = event.senderFrame;
    if (!window || window.isDestroyed() || !frame) return false;
    return (
      event.sender.id === window.webContents.id && frame.parent === null && isAppUrl(frame.url)
    );
  };
}

const forbidden: Envelope<never> = {
  ok: false,
  error: { code: 'forbidden_sender', message: 'Chamada recusada: origem desconhecida.' },
};

export function registerIpcHandlers(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  isTrustedSender: SenderCheck,
): () => void {
  const channels = methods.map((entry) => {
    const channel = ipcChannel(entry.name);
    ipcMain.handle(channel, (event, args: unknown) =>
      isTrustedSender(event) ? dispatch(entry.name, args) : forbidden,
    );
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
