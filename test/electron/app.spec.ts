/**
 * The Electron app itself, through Playwright's `_electron`. It needs Electron's binary, which is
 * downloaded on first use; where it cannot be had, every test here is skipped with the reason.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { repoRoot } from '../support/host-process';

const binary = findElectronBinary();

test.skip(
  binary.path === null,
  `Electron suite skipped: ${binary.path === null ? binary.reason : ''}`,
);

let app: ElectronApplication;

test.beforeAll(async () => {
  if (!binary.path) return;
  app = await electron.launch({ executablePath: binary.path, args: [repoRoot], cwd: repoRoot });
});

test.afterAll(async () => {
  await app?.close();
});

test('the window shows the app shell with app.info from the electron shell', async () => {
  const window = await app.firstWindow();
  await expect(window.getByTestId('app-shell')).toHaveText('Aplicativo desktop');
  expect(await window.title()).toBe('HubDesk');
});

test('the page has window.hubdesk and no Node or ipcRenderer', async () => {
  const window = await app.firstWindow();
  const globals = await window.evaluate(() => {
    const page = globalThis as unknown as Record<string, unknown>;
    return {
      hubdesk: typeof page.hubdesk,
      require: typeof page.require,
      process: typeof page.process,
      ipcRenderer: typeof page.ipcRenderer,
      electron: typeof page.electron,
    };
  });
  expect(globals).toEqual({
    hubdesk: 'object',
    require: 'undefined',
    process: 'undefined',
    ipcRenderer: 'undefined',
    electron: 'undefined',
  });
});

test('a rejected call crosses contextBridge with its code', async () => {
  const window = await app.firstWindow();
  const code = await window.evaluate(async () => {
    const { hubdesk } = globalThis as unknown as {
      hubdesk: { app: { info: (...args: unknown[]) => Promise<unknown> } };
    };
    try {
      await hubdesk.app.info('unexpected argument');
      return null;
    } catch (error) {
      return (error as { code?: string }).code ?? 'no code';
    }
  });
  expect(code).toBe('invalid_input');
});

test('navigation away from the app is refused', async () => {
  const window = await app.firstWindow();
  const before = window.url();
  await window.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href =
      'https://example.com/';
  });
  await window.waitForTimeout(500);
  expect(window.url()).toBe(before);
});
