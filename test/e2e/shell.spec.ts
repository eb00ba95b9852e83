import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot, startHostProcess, type HostProcess } from '../support/host-process';

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
};

let host: HostProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hubdesk-e2e-'));
  host = await startHostProcess(['--port', '0', '--data-dir', dataDir]);
});

test.afterAll(async () => {
  await host.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the app shell shows app.info through window.hubdesk in Portuguese, then in English', async ({
  page,
}) => {
  await page.goto(host.url);

  await expect(page.getByRole('heading', { name: 'Sobre este HubDesk' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText(pkg.version);
  await expect(page.getByTestId('app-shell')).toHaveText('Navegador (host local)');
  await expect(page.getByTestId('app-data-dir')).toHaveText(dataDir);
  await expect(page.locator('html')).toHaveAttribute('lang', 'pt-BR');

  await page.getByLabel('Idioma').selectOption('en');
  await expect(page.getByRole('heading', { name: 'About this HubDesk' })).toBeVisible();
  await expect(page.getByTestId('app-shell')).toHaveText('Browser (local host)');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'About this HubDesk' })).toBeVisible();
});

test('the per-run secret never stays in the address, the page storage or the page scripts', async ({
  page,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-version')).toHaveText(pkg.version);
  const token = new URL(host.url).searchParams.get('token') ?? '';
  expect(page.url()).not.toContain(token);
  const seen = await page.evaluate(() => {
    const {
      document: doc,
      sessionStorage,
      localStorage,
    } = globalThis as unknown as {
      document: { cookie: string };
      sessionStorage: { length: number };
      localStorage: { length: number };
    };
    return { cookie: doc.cookie, stored: sessionStorage.length + localStorage.length };
  });
  // The session cookie is HttpOnly: not even the page's own scripts can read it.
  expect(seen).toEqual({ cookie: '', stored: 0 });
  await page.reload();
  await expect(page.getByTestId('app-version')).toHaveText(pkg.version);
});

test('a rejected call reaches the page as an Error with its code', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-version')).toBeVisible();
  const rejection = await page.evaluate(async () => {
    const { hubdesk: api } = globalThis as unknown as {
      hubdesk: { app: { info: (...args: unknown[]) => Promise<unknown> } };
    };
    try {
      await api.app.info('unexpected argument');
      return null;
    } catch (error) {
      const e = error as Error & { code?: string };
      return { isError: e instanceof Error, code: e.code, message: e.message };
    }
  });
  expect(rejection).toEqual({
    isError: true,
    code: 'invalid_input',
    message: expect.stringContaining('app.info') as unknown as string,
  });
});

test('a page without the secret cannot use the contract', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const origin = new URL(host.url).origin;
  await page.goto(`${origin}/`);
  await expect(page.getByRole('alert')).toContainText('Sem conexão com o HubDesk');
  await context.close();
});
