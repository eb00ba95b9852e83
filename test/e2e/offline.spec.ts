import { expect, test } from '@playwright/test';
import {
  goOffline,
  goOnline,
  openFirstTicket,
  openWorkspace,
  serverMessages,
  startWorkspace,
  storedDraft,
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

test('offline, a reply waits in the outbox with a count in the title and lands after reconnecting', async ({
  page,
}) => {
  const protocol = await openFirstTicket(page);
  goOffline(workspace.sim);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(page.getByTestId('connectivity')).toHaveText(/Sem conexão/, { timeout: 20_000 });

  const text = `Resposta escrita sem conexão ${Date.now()}`;
  await page.getByTestId('reply-box').fill(text);
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByTestId('timeline-message').filter({ hasText: text })).toBeVisible();
  await expect(page).toHaveTitle(/^HubDesk \(\d+\)$/);

  await page.keyboard.press('Escape');
  await page.locator('body').press('g');
  await page.keyboard.press('o');
  const queued = page.getByTestId('outbox-item').filter({ hasText: text });
  await expect(queued).toBeVisible();
  expect(serverMessages(workspace.sim, protocol)).not.toContain(text);

  goOnline(workspace.sim);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect
    .poll(() => serverMessages(workspace.sim, protocol), { timeout: 30_000 })
    .toContain(text);
  await expect(page).toHaveTitle('HubDesk', { timeout: 20_000 });
  await expect(page.getByTestId('connectivity')).toHaveText(/Conectado/);
  await expect(queued).toBeHidden();
});

test('a new ticket opened offline is queued and created on the server once back online', async ({
  page,
}) => {
  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  await page.getByLabel('Buscar por').selectOption('name');
  await page.getByLabel('Termo da busca').fill('SILVA');
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await page.getByTestId('customer-result').first().click();
  const service = page.getByRole('radio').first();
  await service.check();

  goOffline(workspace.sim);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(page.getByTestId('connectivity')).toHaveText(/Sem conexão/, { timeout: 20_000 });

  const description = `Cliente relata lentidão à noite ${Date.now()}`;
  await page.getByLabel('Telefone do contato').fill('11999990000');
  await page.getByLabel('Descrição').fill(description);
  // The form is a draft: a reload, offline, brings back the customer, the service and the text.
  await expect.poll(() => storedDraft(page, 'new-ticket')).toMatchObject({ description });
  await page.reload();
  await expect(page.getByLabel('Descrição')).toHaveValue(description);
  await expect(page.getByRole('radio').first()).toBeChecked();
  await page.getByRole('button', { name: 'Abrir atendimento' }).click();
  await expect(page.getByTestId('timeline-opening')).toContainText(description);
  await expect(page).toHaveTitle(/^HubDesk \(\d+\)$/);

  goOnline(workspace.sim);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect
    .poll(
      () =>
        workspace.sim
          .state({ only: 'changed' })
          // HubSoft appends its own note to a description that came through the API.
          .some((record) => record.description.startsWith(description)),
      { timeout: 30_000 },
    )
    .toBe(true);
  await expect(page.getByTestId('ticket-protocol')).toHaveText(/^\d{15,20}$/, { timeout: 20_000 });
});
