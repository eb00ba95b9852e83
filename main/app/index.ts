/**
 * Electron's entry: the thin glue between Electron and the core in `main/api`. Everything that
 * decides something lives in a module of its own and is tested without Electron.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell } from 'electron';
import { eventChannel } from '../../preload/contract';
import { createDispatcher } from '../api/dispatch';
import { EventHub } from '../api/events';
import { createServices } from '../api/services';
import { createSenderCheck, registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { handleRendererProtocol, registerRendererScheme } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererDir = path.join(here, '../renderer');

registerRendererScheme(protocol);

let mainWindow: BrowserWindow | null = null;

function showMainWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    return;
  }
  mainWindow = createMainWindow(preloadPath, app.getName());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  handleRendererProtocol(protocol, rendererDir);

  const events = new EventHub();
  const services = createServices({
    name: app.getName(),
    version: app.getVersion(),
    platform: process.platform,
    shell: 'electron',
    dataDir: app.getPath('userData'),
  });
  const dispatch = createDispatcher(services, {
    onInternalError: (name, error) => console.error(`[hubdesk] ${name} failed`, error),
  });
  const unregister = registerIpcHandlers(
    ipcMain,
    dispatch,
    createSenderCheck(() => mainWindow),
  );
  const unsubscribe = events.subscribe((event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      mainWindow.webContents.send(eventChannel, { event, payload });
    }
  });
  app.once('will-quit', () => {
    unsubscribe();
    unregister();
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        appName: app.getName(),
        isMac: process.platform === 'darwin',
        isDev: !app.isPackaged,
      }),
    ),
  );
  showMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady()) showMainWindow();
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error('[hubdesk] failed to start', error);
    app.exit(1);
  });
}
