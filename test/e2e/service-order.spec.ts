import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { TYPES } from '../../main/sim/catalog';
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

const technical = new Set(TYPES.filter((type) => type.technical).map((type) => type.id));

/** A listed open ticket whose type lets HubSoft open an O.S. on it (fact 41). */
async function ticketAllowingOrders(page: Page): Promise<string> {
  const protocols = await page.locator('[data-testid="ticket-row"] .protocol').allTextContents();
  for (const protocol of protocols.map((text) => text.trim())) {
    const [record] = workspace.sim.state({ protocol });
    if (record && record.closedAt === null && technical.has(record.typeId)) return protocol;
  }
  throw new Error('no listed ticket allows a service order');
}

function ordersWith(protocol: string, description: string) {
  const [record] = workspace.sim.state({ protocol });
  return (record?.serviceOrders ?? []).filter((order) => order.description === description);
}

test('an O.S. opened offline waits on the ticket, lands once with its technician and schedule, and shows as the ticket’s O.S.', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  goOnline(workspace.sim);
  await openWorkspace(page, workspace);
  const protocol = await ticketAllowingOrders(page);
  // The first sync may still be moving rows under the pointer: click again until it opens.
  await expect(async () => {
    await page.getByTestId('ticket-row').filter({ hasText: protocol }).click();
    await expect(page.getByTestId('ticket-protocol')).toHaveText(protocol, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  goOffline(workspace.sim);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(page.getByTestId('connectivity')).toHaveText(/Sem conexão/, { timeout: 20_000 });

  // Keyboard first: the button is reached and pressed without the mouse.
  await page.getByRole('button', { name: 'Abrir O.S.' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Abrir ordem de serviço' });
  await expect(dialog).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);

  const description = `Trocar o conector da ONU ${Date.now()}`;
  await dialog.getByLabel('Tipo de O.S.').selectOption({ label: 'SUPORTE' });
  await dialog.getByLabel('Técnico').selectOption({ label: 'Wesley Batista' });
  await dialog.getByLabel('Data programada').fill('2026-12-15');
  await dialog.getByLabel('Início').fill('09:00');
  await dialog.getByLabel('Término').fill('11:00');
  await dialog.getByLabel('Tarde').check();
  await dialog.getByLabel('Serviço a realizar').fill(description);
  await page.screenshot({ path: '/tmp/service-order-dialog.png' });
  await dialog.getByRole('button', { name: 'Abrir ordem de serviço' }).click();
  await expect(dialog).toBeHidden();

  const pending = page.getByTestId('timeline-action').filter({ hasText: 'Abertura de O.S.' });
  await expect(pending).toBeVisible();
  await page.screenshot({ path: '/tmp/service-order-pending.png' });
  expect(ordersWith(protocol, description)).toEqual([]);

  goOnline(workspace.sim);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect.poll(() => ordersWith(protocol, description).length, { timeout: 30_000 }).toBe(1);
  const [order] = ordersWith(protocol, description);
  expect(order).toMatchObject({ technicianIds: [12], availabilityIds: [5] });
  expect(new Date(order?.scheduledStart ?? 0).toISOString()).toBe('2026-12-15T12:00:00.000Z');

  await expect(pending).toBeHidden({ timeout: 20_000 });
  await expect(
    page.getByTestId('timeline-order').filter({ hasText: 'SUPORTE · Aguardando agendamento' }),
  ).toBeVisible();
  await page.screenshot({ path: '/tmp/service-order-landed.png' });
  expect(ordersWith(protocol, description)).toHaveLength(1);
});
