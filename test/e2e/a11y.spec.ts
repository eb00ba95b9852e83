import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNT } from '../../main/sim/demo-account';
import {
  goOffline,
  goOnline,
  openWorkspace,
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
