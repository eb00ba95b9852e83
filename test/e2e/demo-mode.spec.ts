/**
 * Demo mode starts with a few canned replies, once, and without the keychain warning (there is no
 * real secret in demo); with a real account and no keychain, the warning can be put away for the
 * session.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { openFirstTicket, signIn, startWorkspace, type Workspace } from '../support/workspace';

/** No D-Bus session: keytar finds no keychain, so secrets stay in memory and the banner applies. */
const withoutKeychain = { env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } };

async function secretsPersist(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        hubdesk: { session: { status(): Promise<{ secretStorage: { persistent: boolean } }> } };
      }
    ).hubdesk;
    return (await api.session.status()).secretStorage.persistent;
  });
}

test.describe('demo mode', () => {
  let host: HostProcess;
  let dataDir: string;

  test.beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'hubdesk-e2e-demo-canned-'));
    host = await startHostProcess(['--port', '0', '--data-dir', dataDir], withoutKeychain);
  });
  test.afterAll(async () => {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('starts with canned replies on `/`, shows no keychain warning, and keeps what the agent changed', async ({
    page,
  }) => {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Experimentar com dados de demonstração' }).click();
    await expect(page.getByTestId('ticket-row').first()).toBeVisible({ timeout: 30_000 });
    expect(await secretsPersist(page)).toBe(false);
    await expect(page.getByTestId('secret-banner')).toHaveCount(0);

    await openFirstTicket(page);
    await page.getByTestId('reply-box').click();
    await page.keyboard.type('/');
    const menu = page.getByRole('listbox', { name: 'Respostas prontas' });
    await expect(menu.getByRole('option', { name: /Saudação/ })).toBeVisible();
    await expect(menu.getByRole('option', { name: /Encerramento/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByTestId('reply-box').fill('');

    // The agent removes one; a reload does not bring it back.
    await page.getByRole('link', { name: 'Configurações' }).click();
    await page.getByRole('button', { name: 'Remover Saudação' }).click();
    await expect(page.getByRole('button', { name: 'Remover Saudação' })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Remover Encerramento' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Remover Saudação' })).toHaveCount(0);
  });

  test('in English, demo mode shows no keychain warning either', async ({ page }) => {
    await page.goto(host.url);
    await page.evaluate(() => localStorage.setItem('hubdesk.locale', 'en'));
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('secret-banner')).toHaveCount(0);
    await page.evaluate(() => localStorage.removeItem('hubdesk.locale'));
  });
});

test.describe('a real account without a keychain', () => {
  let workspace: Workspace;

  test.beforeAll(async () => {
    workspace = await startWorkspace();
    // The workspace's own host may find a keychain: use one that cannot.
    await workspace.host.stop();
    workspace.host = await startHostProcess(
      ['--port', '0', '--data-dir', workspace.dataDir],
      withoutKeychain,
    );
  });
  test.afterAll(async () => {
    await workspace.close();
  });

  test('warns that secrets stay in memory, and "Entendi" puts the warning away for the session', async ({
    page,
  }) => {
    await page.goto(workspace.host.url);
    await signIn(page, workspace.sim);
    expect(await secretsPersist(page)).toBe(false);
    const banner = page.getByTestId('secret-banner');
    await expect(banner).toContainText('suas credenciais ficam só na memória');
    // No demo replies for a real account.
    await page.getByRole('link', { name: 'Configurações' }).click();
    await expect(page.getByRole('button', { name: 'Remover Saudação' })).toHaveCount(0);

    await banner.getByRole('button', { name: 'Entendi' }).click();
    await expect(banner).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Configurações' })).toBeVisible();
    await expect(banner).toHaveCount(0);
  });

  test('in English, the warning reads in English and is dismissed with "Got it"', async ({
    browser,
  }) => {
    // A new browser context is a new session: the warning is back.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(workspace.host.url);
    await page.evaluate(() => localStorage.setItem('hubdesk.locale', 'en'));
    await page.reload();
    const banner = page.getByTestId('secret-banner');
    await expect(banner).toContainText('your credentials stay in memory only');
    await banner.getByRole('button', { name: 'Got it' }).click();
    await expect(banner).toHaveCount(0);
    await context.close();
  });
});
