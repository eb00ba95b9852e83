/**
 * Offline and back as the agent sees it: the new-ticket form's offline note only while offline,
 * and the app finding the server again by itself, without "Sincronizar agora".
 */
import { expect, test, type Page } from '@playwright/test';
import {
  goOffline,
  goOnline,
  openWorkspace,
  startWorkspace,
  type Workspace,
} from '../support/workspace';

let workspace: Workspace;

test.beforeAll(async () => {
  workspace = await startWorkspace();
});
test.afterAll(async () => {
  await workspace.close();
});

test.beforeEach(async ({ page }) => {
  goOnline(workspace.sim);
  await openWorkspace(page, workspace);
});

async function loseTheServer(page: Page, syncNow: string): Promise<void> {
  goOffline(workspace.sim);
  await page.getByRole('button', { name: syncNow }).click();
  await expect(page.getByTestId('offline-banner')).not.toBeEmpty({ timeout: 20_000 });
}

test('the new-ticket form says a ticket will be queued only while offline, and the app finds the server again by itself', async ({
  page,
}) => {
  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  const submit = page.getByRole('button', { name: 'Abrir atendimento' });
  await expect(submit).toBeVisible();
  const note = page.getByTestId('new-ticket-offline-note');
  await expect(note).toHaveCount(0);

  await loseTheServer(page, 'Sincronizar agora');
  await expect(note).toHaveText('Sem conexão, o atendimento entra na fila e é aberto depois.');

  // Nobody clicks anything: the probe finds the server answering again.
  goOnline(workspace.sim);
  await expect(page.getByTestId('offline-banner')).toBeEmpty({ timeout: 15_000 });
  await expect(page.getByTestId('connectivity')).toHaveText(/Conectado/);
  await expect(note).toHaveCount(0);
});

test('in English, the offline note reads in English and goes once the server is back', async ({
  page,
}) => {
  await page.evaluate(() => localStorage.setItem('hubdesk.locale', 'en'));
  await page.reload();
  await page.getByRole('link', { name: 'New ticket' }).click();
  const note = page.getByTestId('new-ticket-offline-note');
  await expect(note).toHaveCount(0);
  await loseTheServer(page, 'Sync now');
  await expect(note).toHaveText('Offline, the ticket is queued and opened later.');
  goOnline(workspace.sim);
  await expect(note).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate(() => localStorage.removeItem('hubdesk.locale'));
});
