/**
 * A stand-in for the parts of Electron the glue touches. It records what the glue asked for, so
 * the tests can check the glue's decisions; it does not pretend to be Electron.
 */
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';

export type Handler = (...args: unknown[]) => unknown;

/** The stand-in's user data folder: a real, temporary one, since the entry writes its log there. */
export const fakeUserDataDir = path.join(tmpdir(), `hubdesk-fake-user-data-${process.pid}`);

export class FakeWebContents extends EventEmitter {
  id: number;
  url: string;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: unknown[][] = [];
  constructor(id: number, url = 'app://hubdesk/index.html') {
    super();
    this.id = id;
    this.url = url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  static nextId = 1;
  options: Record<string, unknown>;
  webContents: FakeWebContents;
  loadedUrl: string | null = null;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents(FakeBrowserWindow.nextId++);
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {}
}

export function createFakeElectron(options: { singleInstance?: boolean } = {}) {
  const handlers = new Map<string, Handler>();
  const appEvents = new EventEmitter();
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const session = {
    permissionRequest: null as Handler | null,
    permissionCheck: null as Handler | null,
    setPermissionRequestHandler(handler: Handler) {
      this.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: Handler) {
      this.permissionCheck = handler;
    },
  };
  const electron = {
    app: Object.assign(appEvents, {
      requestSingleInstanceLock: vi.fn(() => options.singleInstance ?? true),
      quit: vi.fn(),
      exit: vi.fn(),
      whenReady: vi.fn(() => ready),
      isReady: vi.fn(() => true),
      isPackaged: false,
      getName: () => 'HubDesk',
      getVersion: () => '9.9.9',
      setBadgeCount: vi.fn(() => true),
      getPath: vi.fn(() => fakeUserDataDir),
    }),
    ipcMain: {
      handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn(),
    },
    session: { defaultSession: session },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
      showSaveDialog: vi.fn(async (): Promise<{ canceled: boolean; filePath?: string }> => ({
        canceled: true,
      })),
      showMessageBox: vi.fn(async (_options: Record<string, unknown>) => ({ response: 1 })),
      showErrorBox: vi.fn(),
    },
    net: { isOnline: vi.fn(() => true) },
    safeStorage: { isEncryptionAvailable: () => false },
  };
  return { electron, handlers, session, resolveReady };
}
