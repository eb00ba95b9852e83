import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn, startWorkspace, type Workspace } from '../support/workspace';

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

test('the main screens have no serious or critical accessibility violations', async ({ page }) => {
  // Each scan reads the whole page twice (light, dark); the split view shows the list and the
  // ticket at once, so the scans take longer than one test's default time on a shared machine.
  test.setTimeout(120_000);
  await page.goto(workspace.host.url);
  await expect(page.getByRole('button', { name: 'Entrar', exact: true })).toBeVisible();
  expect(await seriousViolations(page), 'sign-in').toEqual([]);

  await signIn(page, workspace.sim);
  await page.getByRole('button', { name: /^Filtros/ }).click();
  expect(await seriousViolations(page), 'inbox with the filter panel open').toEqual([]);

  await page.getByTestId('ticket-row').first().click();
  await expect(page.getByTestId('reply-box')).toBeVisible();
  expect(await seriousViolations(page), 'ticket').toEqual([]);

  await page.locator('body').press('c');
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(page), 'close dialog').toEqual([]);
  await page.keyboard.press('Escape');

  for (const [link, heading] of [
    ['Novo atendimento', 'Novo atendimento'],
    ['Fila de envio', 'Fila de envio'],
    ['Configurações', 'Configurações'],
  ] as const) {
    await page.getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    expect(await seriousViolations(page), link).toEqual([]);
  }

  await page.locator('body').press('?');
  await expect(page.getByRole('dialog', { name: 'Atalhos de teclado' })).toBeVisible();
  expect(await seriousViolations(page), 'shortcut sheet').toEqual([]);
});
