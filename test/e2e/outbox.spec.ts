import { expect, test } from '@playwright/test';
import {
  closableProtocol,
  openTicket,
  queueOfflineThenCloseOnServer,
  openWorkspace,
  serverMessages,
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
  await openWorkspace(page, workspace);
});

test('a reply the server refuses stays in the outbox with its error, keeps its text, and can be edited or discarded', async ({
  page,
}) => {
  const protocol = await closableProtocol(page, workspace.sim);
  await openTicket(page, protocol);
  const text = `Resposta para um atendimento já fechado ${Date.now()}`;
  await page.getByTestId('reply-box').fill(text);
  // Offline, the reply waits in the queue while someone else closes the ticket in HubSoft (so no
  // sync can tell the app first): HubSoft refuses it once the app is back.
  await queueOfflineThenCloseOnServer(page, workspace.sim, protocol);

  await page.getByRole('link', { name: 'Fila de envio' }).click();
  const item = page.getByTestId('outbox-item').filter({ hasText: text });
  await expect(item).toHaveAttribute('data-state', /failed|needs_attention/, { timeout: 30_000 });
  await expect(item.locator('.error')).toContainText(/fechado/);
  await expect(page.getByTestId('outbox-count')).toBeVisible();
  await expect(page).toHaveTitle(/^HubDesk \(\d+\)$/);

  // Trying again changes nothing while the ticket stays closed: the server refuses it again.
  await item.getByRole('button', { name: 'Tentar de novo' }).click();
  await expect(item.getByRole('alert')).toHaveCount(0);
  await expect(item).toHaveAttribute('data-state', /failed|needs_attention/, { timeout: 30_000 });
  await expect(item.locator('.error')).toContainText(/fechado/);

  // While edited, the text is in a field: hold on to the action by its id.
  const id = (await item.getAttribute('data-action-id')) ?? '';
  const action = page.locator(`[data-testid="outbox-item"][data-action-id="${id}"]`);
  await action.getByRole('button', { name: 'Editar e reenviar' }).click();
  await expect(action.getByLabel('Texto')).toHaveValue(text);
  await action.getByLabel('Texto').fill(`${text} (editado)`);
  await action.getByRole('button', { name: 'Reenviar' }).click();
  const edited = page.getByTestId('outbox-item').filter({ hasText: '(editado)' });
  await expect(edited).toHaveAttribute('data-state', /failed|needs_attention/, { timeout: 30_000 });

  // Discarding loses the typed text for good, so it asks first; cancelling keeps everything.
  await edited.getByRole('button', { name: 'Descartar' }).click();
  const confirm = page.getByRole('dialog', { name: 'Descartar esta ação?' });
  await confirm.getByRole('button', { name: 'Cancelar' }).click();
  await expect(confirm).toBeHidden();
  await expect(edited).toBeVisible();
  await edited.getByRole('button', { name: 'Descartar' }).click();
  await confirm.getByRole('button', { name: 'Descartar' }).click();
  await expect(edited).toBeHidden();
  expect(serverMessages(workspace.sim, protocol)).not.toContain(text);
  await expect(page).toHaveTitle('HubDesk');
});

test('a reply hit by a server error is tried again by itself and lands exactly once', async ({
  page,
}) => {
  const protocol = await closableProtocol(page, workspace.sim);
  await openTicket(page, protocol);
  workspace.sim.setFaults({ errorRate: 1 });
  const text = `Resposta durante uma falha do servidor ${Date.now()}`;
  await page.getByTestId('reply-box').fill(text);
  await page.getByTestId('reply-box').press('Control+Enter');
  await page.getByRole('link', { name: 'Fila de envio' }).click();
  const item = page.getByTestId('outbox-item').filter({ hasText: text });
  await expect(item).toContainText(/\d+ tentativas?/, { timeout: 20_000 });
  await expect(item).not.toHaveAttribute('data-state', 'sent');

  workspace.sim.setFaults({});
  await expect
    .poll(() => serverMessages(workspace.sim, protocol), { timeout: 30_000 })
    .toContain(text);
  expect(
    serverMessages(workspace.sim, protocol).filter((message) => message === text),
  ).toHaveLength(1);
  await expect(page).toHaveTitle('HubDesk');
});
