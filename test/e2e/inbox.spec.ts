import { expect, test, type Page } from '@playwright/test';
import { openWorkspace, startWorkspace, type Workspace } from '../support/workspace';

let workspace: Workspace;

test.beforeAll(async () => {
  workspace = await startWorkspace({ tickets: 3000 });
});
test.afterAll(async () => {
  await workspace.close();
});

async function total(page: Page): Promise<number> {
  const text = (await page.getByTestId('inbox-total').textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

test.beforeEach(async ({ page }) => {
  await openWorkspace(page, workspace);
});

test('the inbox keeps only a few rows in the page while the agent scrolls through thousands', async ({
  page,
}) => {
  await page.getByRole('button', { name: /^Filtros/ }).click();
  await page.getByLabel('Situação').selectOption('all');
  await expect.poll(() => total(page), { timeout: 30_000 }).toBeGreaterThan(1000);
  const rows = page.getByTestId('ticket-row');
  const firstKey = await rows.first().getAttribute('data-key');

  const list = page.getByRole('navigation', { name: 'Atendimentos' });
  await list.hover();
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 5000);
  // Paging by cursor brought rows beyond the first page into view.
  await expect
    .poll(async () => Number((await rows.last().getAttribute('data-key'))?.replace(/\D/g, '')))
    .not.toBe(Number(firstKey?.replace(/\D/g, '')));
  await expect(rows.first()).not.toHaveAttribute('data-key', firstKey ?? '');
  expect(await rows.count()).toBeLessThan(200);
});

test('filters, sort and a saved view change what the list shows, and both survive a reload', async ({
  page,
}) => {
  await page.getByRole('button', { name: /^Filtros/ }).click();
  await page.getByLabel('Situação').selectOption('open');
  await expect.poll(() => total(page)).toBeGreaterThan(0);
  const open = await total(page);
  await page
    .getByRole('combobox', { name: /^Status/ })
    .selectOption({ label: 'Aguardando Cliente' });
  await expect.poll(() => total(page)).toBeLessThan(open);
  const statuses = await page.getByTestId('ticket-row').locator('.status').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses.map((text) => text.trim()))).toEqual(new Set(['Aguardando Cliente']));
  await page.getByRole('combobox', { name: /^Status/ }).selectOption({ label: 'Todos os status' });

  await page.getByLabel('Situação').selectOption('closed');
  await expect.poll(() => total(page)).not.toBe(open);
  await expect(page.getByTestId('ticket-row').first()).toBeVisible();

  await page.getByLabel('Ordem').selectOption('opened_asc');
  await page.getByRole('button', { name: 'Salvar visão' }).click();
  await page.getByLabel('Nome da visão').fill('Fechados antigos');
  await page.getByRole('button', { name: 'Salvar', exact: true }).click();

  await page.reload();
  await expect(page.getByTestId('filter-summary')).toHaveText('Fechados · Mais antigos primeiro');
  await page.getByRole('button', { name: 'Limpar filtros' }).click();
  await page.getByRole('button', { name: /^Filtros/ }).click();
  await expect(page.getByLabel('Situação')).toHaveValue('open');
  await page.getByLabel('Visão salva').selectOption('Fechados antigos');
  await expect(page.getByLabel('Situação')).toHaveValue('closed');
  await expect(page.getByLabel('Ordem')).toHaveValue('opened_asc');
});

test('searching finds tickets at once and marks the matched words', async ({ page }) => {
  const names = await page.locator('[data-testid="ticket-row"] .customer').allTextContents();
  const customer = names.map((name) => name.trim()).find((name) => name !== '—');
  const word = customer?.split(' ')[0] ?? '';
  await page.locator('body').press('/');
  await expect(page.getByRole('searchbox', { name: 'Buscar atendimentos' })).toBeFocused();
  await page.keyboard.type(word);
  const hit = page.getByTestId('search-hit').first();
  await expect(hit).toBeVisible();
  await expect(page.locator('[data-testid="search-hit"] mark').first()).toBeVisible();
});

test('the keyboard moves through the list and the screens', async ({ page }) => {
  const rows = page.getByTestId('ticket-row');
  await page.locator('body').press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('j');
  await expect(rows.nth(2)).toHaveAttribute('aria-current', 'true');
  // Sync may still bring tickets in above it: the highlight stays on its ticket, and Enter opens it.
  const highlighted = await page
    .locator('[data-testid="ticket-row"][aria-current="true"]')
    .getAttribute('data-key');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/ticket/${encodeURIComponent(highlighted ?? '')}$`));

  await page.keyboard.press('r');
  await expect(page.getByTestId('reply-box')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Caixa de entrada' })).toBeVisible();

  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await expect(page.getByRole('heading', { name: 'Fila de envio' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { name: 'Caixa de entrada' })).toBeVisible();
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'Novo atendimento' })).toBeVisible();
  // The form opens in its customer search, where keys type; out of it, they are shortcuts again.
  await expect(page.getByLabel('Termo da busca')).toBeFocused();
  await page.getByLabel('Termo da busca').blur();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Atalhos de teclado' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});
