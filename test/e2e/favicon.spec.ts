/** The page has the app's icon as its favicon, served by the shell like the rest of the renderer. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host-process';

let host: HostProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hubdesk-e2e-favicon-'));
  host = await startHostProcess(['--port', '0', '--data-dir', dataDir]);
});
test.afterAll(async () => {
  await host.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the window shows the HubDesk icon as its favicon', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Entrar no HubSoft' })).toBeVisible();
  const href = await page
    .locator('link[rel="icon"]')
    .evaluate((link) => (link as unknown as { href: string }).href);
  const icon = await page.request.get(href);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/svg+xml');
  expect(await icon.text()).toContain('<title>HubDesk</title>');
});
