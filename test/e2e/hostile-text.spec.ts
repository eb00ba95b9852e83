import { expect, test } from '@playwright/test';
import {
  openTicket,
  openTicketOnServer,
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

const directionControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

test('a ticket text with a right-to-left override is shown with a marker, never reversed', async ({
  page,
}) => {
  await openWorkspace(page, workspace);
  await expect(page.getByTestId('last-sync')).not.toHaveText(/nunca/, { timeout: 30_000 });
  const [someTicket] = workspace.sim.state();
  const description = `Segue o comprovante fatura\u202Efdp.exe ${Date.now()}`;
  await openTicketOnServer(workspace.sim, someTicket?.serviceId ?? 0, description);
  // The simulator appends HubSoft's own suffix to a description opened through the API.
  const created = workspace.sim
    .state({ only: 'changed' })
    .find((record) => record.description.startsWith(description));
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(
    page.getByTestId('ticket-row').filter({ hasText: created?.protocol ?? '?' }),
  ).toBeVisible({ timeout: 30_000 });
  await openTicket(page, created?.protocol ?? '');

  const opening = page.getByTestId('timeline-opening');
  await expect(opening).toContainText('fatura\ufffdfdp.exe');
  expect(await opening.textContent()).not.toMatch(directionControls);
});
