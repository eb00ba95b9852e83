import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { BrowserGlobals } from '../support/browser-globals';
import { signIn, startWorkspace, type Workspace } from '../support/workspace';

let workspace: Workspace;

test.beforeAll(async () => {
  workspace = await startWorkspace();
});
test.afterAll(async () => {
  await workspace.close();
});

test('settings switch theme and language, list the profile and the shortcuts, show the app info and sign out', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(workspace.host.url);
  await signIn(page, workspace.sim);
  await page.getByRole('link', { name: 'Configurações' }).click();

  await expect(page.getByText('Em uso')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sobre este HubDesk' })).toBeVisible();
  await expect(page.getByTestId('app-data-dir')).toHaveText(workspace.dataDir);
  await expect(page.getByRole('cell', { name: 'g o' })).toBeVisible();

  const background = () =>
    page.evaluate(() => {
      const { getComputedStyle, document } = globalThis as unknown as BrowserGlobals;
      return getComputedStyle(document.body).backgroundColor;
    });
  const light = await background();
  await page.getByLabel('Tema').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel('Tema').selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);

  await page.getByLabel('Idioma').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Inbox' })).toBeVisible();
  await page.getByLabel('Language').selectOption('pt-BR');
  await expect(page.getByRole('heading', { name: 'Configurações' })).toBeVisible();

  // Signing out goes back to the sign-in screen, where the profile can be picked again.
  await page.getByRole('button', { name: 'Sair deste perfil' }).click();
  await page.getByRole('button', { name: 'Sair agora' }).click();
  await expect(page.getByRole('heading', { name: 'Entrar no HubSoft' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: /^Perfil/ })).toBeVisible();
});

test('"export diagnostics" saves one file for support, without the password or tokens', async ({
  page,
}) => {
  await page.goto(workspace.host.url);
  await signIn(page, workspace.sim);
  await page.getByRole('link', { name: 'Configurações' }).click();
  await page.getByRole('button', { name: 'Exportar diagnóstico' }).click();

  const result = page.getByTestId('diagnostics-result');
  await expect(result).toContainText('Diagnóstico salvo em');
  const saved = (await result.textContent())!.replace('Diagnóstico salvo em', '').trim();
  expect(saved.startsWith(workspace.dataDir)).toBe(true);
  const bundle = readFileSync(saved, 'utf8');
  expect(JSON.parse(bundle)).toHaveProperty('versions');
  // The demo account's secrets: the client secret and the remembered password.
  expect(bundle).not.toContain('demo-secret');
  expect(bundle).not.toMatch(/"password"\s*:\s*"demo"/);
  expect(bundle).not.toMatch(/Bearer\s+[\w-]{10,}/);
});
