/**
 * Electron's entry: the thin glue between Electron and the core in `main/api`. Everything that
 * decides something lives in a module of its own and is tested without Electron.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { eventChannel, type Events } from '../../preload/contract';
import type { AppEnvironment } from '../api/app-service';
import { startCore, type Core } from '../api/core';
import { diagnosticsFileName, exportDiagnostics } from '../api/diagnostics';
import { createDispatcher } from '../api/dispatch';
import { logSkippedRows } from '../hubsoft/parse/problems';
import { createLogger, type Logger } from '../log/logger';
import { checkForUpdatesOnStart, loadUpdateSettings } from './updates';
import { createSenderCheck, registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { createFilePicker, createOnlineHint, outboxBadgeCount, unpackedFromAsar } from './native';
import { handleRendererProtocol, registerRendererScheme } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { handleStartupFailure } from './startup-failure';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererDir = path.join(here, '../renderer');
const storeWorkerUrl = unpackedFromAsar(new URL('./store-worker.js', import.meta.url));

registerRendererScheme(protocol);

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

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
  const dataDir = app.getPath('userData');
  const { logger, close: closeLog } = createLogger({ dataDir, stderr: !app.isPackaged });
  const environment: AppEnvironment = {
    name: app.getName(),
    version: app.getVersion(),
    platform: process.platform,
    shell: 'electron',
    dataDir,
    defaultServerUrl: null,
  };
  try {
    await startWorkspace(environment, logger, closeLog);
  } catch (error) {
    const started = core;
    core = null;
    await started?.dispose().catch(() => undefined);
    await handleStartupFailure(error, {
      dialog,
      log: logger,
      suggestedPath: path.join(app.getPath('documents'), diagnosticsFileName(new Date())),
      exportDiagnostics: (destination) =>
        exportDiagnostics({ dataDir, destination, environment, settings: null }),
      exit: (code) => {
        closeLog();
        app.exit(code);
      },
    });
  }
}

async function startWorkspace(
  environment: AppEnvironment,
  logger: Logger,
  closeLog: () => void,
): Promise<void> {
  const { dataDir } = environment;
  logger.info({ version: app.getVersion() }, 'HubDesk starting');
  logSkippedRows(logger);
  hardenSession(session.defaultSession);
  handleRendererProtocol(protocol, rendererDir);

  core = await startCore({
    environment,
    safeStorage,
    pickFiles: createFilePicker(dialog, () => mainWindow),
    osOnline: createOnlineHint(net),
    storeWorkerUrl,
    log: logger,
    demo: process.argv.includes('--demo'),
    chooseDiagnosticsDestination: async (suggestedName) => {
      const options = {
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'JSON', extensions: ['json'] }],
      };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  });
  const { events } = core;
  const dispatch = createDispatcher(core.services, {
    onInternalError: (name, error) => logger.error({ err: error, method: name }, 'service failed'),
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
    if (event === 'outbox') app.setBadgeCount(outboxBadgeCount(payload as Events['outbox']));
  });
  app.once('will-quit', () => {
    unsubscribe();
    unregister();
  });
  app.on('before-quit', (event) => {
    const running = core;
    if (!running) return;
    // Stop syncing and sending and close the cache before the process ends.
    event.preventDefault();
    core = null;
    void running.dispose().finally(() => {
      closeLog();
      app.quit();
    });
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
  void loadUpdateSettings(dataDir).then((settings) =>
    checkForUpdatesOnStart({
      // Loaded only when there is a feed to check: electron-updater is CommonJS, its autoUpdater a
      // getter that ESM named imports miss, so it is taken from the default export.
      loadUpdater: async () => {
        const { autoUpdater } = (await import('electron-updater')).default;
        autoUpdater.logger = logger;
        return autoUpdater;
      },
      settings,
      isPackaged: app.isPackaged,
      log: logger,
    }),
  );
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
  // Only what fails before the log exists lands here (start handles the rest itself).
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[hubdesk] failed to start', error);
      dialog.showErrorBox('O HubDesk não conseguiu iniciar.', String(error));
      app.exit(1);
    });
}
