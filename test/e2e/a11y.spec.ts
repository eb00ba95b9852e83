import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNT } from '../../main/sim/demo-account';
import {
  goOffline,
  goOnline,
  openWorkspace,
  closableProtocol,
  closeOnServer,
  openTicket,
  signIn,
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

/** Serious and critical violations of the page as it is now, in light and in dark. */
async function seriousViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const violation of violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') {
        const where = violation.nodes.map((node) => node.target.join(' ')).slice(0, 3);
        found.push(`${colorScheme}: ${violation.id} (${violation.impact}) at ${where.join(', ')}`);
      }
    }
  }
  return found;
}

// Each scan reads the whole page twice (light, dark); the split view shows the list and the
// ticket at once, so the scans take longer than one test's default time on a shared machine.
test.describe.configure({ timeout: 180_000, mode: 'serial' });

test('every screen has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto(workspace.host.url);
  await expect(page.getByRole('button', { name: 'Entrar', exact: true })).toBeVisible();
  expect(await seriousViolations(page), 'sign-in').toEqual([]);

  // Without a remembered password, so that a revoked token asks the agent (the last test).
  await signIn(page, workspace.sim, false);
  await page.getByRole('button', { name: /^Filtros/ }).click();
  expect(await seriousViolations(page), 'inbox with the filter panel open').toEqual([]);

  await page.locator('body').press('/');
  await page.keyboard.type('conex');
  await expect(page.getByTestId('search-hit').first()).toBeVisible();
  expect(await seriousViolations(page), 'search results').toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByTestId('ticket-row').first().click();
  await expect(page.getByTestId('reply-box')).toBeVisible();
  expect(await seriousViolations(page), 'ticket').toEqual([]);

  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  await page.getByLabel('Buscar por').selectOption('name');
  await page.getByLabel('Termo da busca').fill('a');
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await expect(page.getByTestId('customer-result').first()).toBeVisible();
  expect(await seriousViolations(page), 'new ticket with customers found').toEqual([]);

  for (const [link, heading] of [
    ['Fila de envio', 'Fila de envio'],
    ['Configurações', 'Configurações'],
  ] as const) {
    await page.getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    expect(await seriousViolations(page), link).toEqual([]);
  }

  await page.getByRole('link', { name: 'Caixa de entrada' }).click();
  goOffline(workspace.sim);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(page.getByTestId('offline-banner')).not.toBeEmpty({ timeout: 20_000 });
  expect(await seriousViolations(page), 'inbox offline, with its banner').toEqual([]);
  goOnline(workspace.sim);
  await expect(page.getByTestId('offline-banner')).toBeEmpty({ timeout: 20_000 });
});

test('every dialog and the `/` canned-reply menu, open, have no serious or critical violations', async ({
  page,
}) => {
  await openWorkspace(page, workspace);
  await page.getByRole('link', { name: 'Configurações' }).click();
  await page.getByLabel('Nome', { exact: true }).fill('saudacao');
  await page.getByLabel('Texto', { exact: true }).fill('Olá {{cliente}}!');
  await page.getByRole('button', { name: 'Adicionar resposta' }).click();

  await page.getByRole('link', { name: 'Caixa de entrada' }).click();
  await page.getByTestId('ticket-row').first().click();
  const box = page.getByTestId('reply-box');
  await box.click();
  await page.keyboard.type('/sau');
  await expect(page.getByRole('listbox', { name: 'Respostas prontas' })).toBeVisible();
  expect(await seriousViolations(page), 'canned-reply menu').toEqual([]);
  await page.keyboard.press('Escape');
  await box.fill('');
  await page.locator('body').click({ position: { x: 5, y: 5 } });

  await page.locator('body').press('c');
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(page), 'close dialog').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.locator('body').press('?');
  await expect(page.getByRole('dialog', { name: 'Atalhos de teclado' })).toBeVisible();
  expect(await seriousViolations(page), 'shortcut sheet').toEqual([]);
  await page.keyboard.press('Escape');

  workspace.sim.setFaults({ revokeTokens: true });
  const reauth = page.getByRole('dialog', { name: 'Entre novamente' });
  if (!(await reauth.isVisible())) {
    await page
      .getByRole('button', { name: 'Sincronizar agora' })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
  }
  await expect(reauth).toBeVisible({ timeout: 20_000 });
  expect(await seriousViolations(page), 'sign-in prompt over the ticket').toEqual([]);
  await reauth.getByLabel('Senha', { exact: true }).fill(DEMO_ACCOUNT.password);
  await reauth.getByRole('button', { name: 'Entrar' }).click();
  await expect(reauth).toBeHidden();
});

test('the ticket with a failed action, the discard dialog, a closed ticket, the outbox and the open-ticket warning have no serious violations', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(workspace.host.url);
  const form = page.getByLabel('Endereço do servidor');
  const nav = page.getByRole('navigation', { name: 'Navegação principal' });
  await expect(form.or(nav)).toBeVisible();
  if (await form.isVisible()) await signIn(page, workspace.sim);

  // A reply HubSoft refuses (the ticket was closed there meanwhile), fixable in the timeline.
  const protocol = await closableProtocol(page, workspace.sim);
  await openTicket(page, protocol);
  const [record] = workspace.sim.state({ protocol });
  await page.getByTestId('reply-box').fill('Resposta que o HubSoft vai recusar');
  await closeOnServer(workspace.sim, record?.id ?? 0);
  await page.getByTestId('reply-box').press('Control+Enter');
  await expect(page.getByTestId('timeline-action-reason')).toBeVisible({ timeout: 30_000 });
  expect(await seriousViolations(page), 'ticket with a failed action').toEqual([]);

  await page.getByTestId('timeline-scroller').getByRole('button', { name: 'Descartar' }).click();
  await expect(page.getByRole('dialog', { name: 'Descartar esta ação?' })).toBeVisible();
  expect(await seriousViolations(page), 'discard dialog').toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: 'Fila de envio' }).click();
  await expect(page.getByTestId('outbox-ticket-link').first()).toBeVisible();
  expect(await seriousViolations(page), 'outbox naming its tickets').toEqual([]);

  // The same ticket, now closed: the closed look, the closing event, the customer's tickets.
  await page.getByTestId('outbox-ticket-link').first().click();
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(page.getByTestId('ticket-closed')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('customer-tickets')).not.toContainText('Carregando');
  expect(await seriousViolations(page), 'closed ticket').toEqual([]);

  // New ticket for a customer with an open ticket: the warning with its links.
  await page.getByRole('link', { name: 'Caixa de entrada' }).click();
  await page.getByTestId('ticket-row').first().click();
  const document = ((await page.getByTestId('customer-document').textContent()) ?? '').trim();
  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  const change = page.getByRole('button', { name: 'Trocar cliente' });
  if (await change.isVisible()) await change.click();
  await page.getByLabel('Termo da busca').fill(document);
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await page.getByTestId('customer-result').first().click();
  await expect(page.getByTestId('customer-open-tickets')).toBeVisible();
  expect(await seriousViolations(page), 'new ticket with the open-ticket warning').toEqual([]);
});
