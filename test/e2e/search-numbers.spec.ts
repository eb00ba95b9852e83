/**
 * Search by numbers as agents type them: a few digits from inside a protocol, a customer's phone
 * with or without its mask, and each result saying why it matched.
 */
import { expect, test, type Page } from '@playwright/test';
import { openWorkspace, startWorkspace, type Workspace } from '../support/workspace';

let workspace: Workspace;

test.beforeAll(async () => {
  workspace = await startWorkspace({ tickets: 400 });
});
test.afterAll(async () => {
  await workspace.close();
});

test.beforeEach(async ({ page }) => {
  await openWorkspace(page, workspace);
});

/** A protocol listed in the inbox and six digits from inside it (not its start). */
async function protocolFragment(page: Page): Promise<{ protocol: string; fragment: string }> {
  const protocol = (
    (await page.getByTestId('ticket-row').nth(1).locator('.protocol').textContent()) ?? ''
  ).trim();
  expect(protocol).toMatch(/^\d{15,20}$/);
  return { protocol, fragment: protocol.slice(-8, -2) };
}

async function search(page: Page, text: string): Promise<void> {
  const field = page.getByRole('searchbox');
  await page.locator('body').press('/');
  await expect(field).toBeFocused();
  await field.fill(text);
}

test('digits from inside a protocol find its ticket, marked, and the result says "protocolo"', async ({
  page,
}) => {
  const { protocol, fragment } = await protocolFragment(page);
  await search(page, fragment);
  const hit = page.getByTestId('search-hit').filter({ hasText: protocol });
  await expect(hit).toHaveCount(1);
  await expect(hit.getByTestId('search-matched')).toHaveText(/protocolo$/);
  await expect(hit.locator('mark')).toHaveText(fragment);
});

test('a customer\'s phone, typed with mask or +55, finds their tickets and says "telefone"', async ({
  page,
}) => {
  const customerName = (
    (await page.getByTestId('ticket-row').first().locator('.customer').textContent()) ?? ''
  ).trim();
  expect(customerName).not.toBe('');
  // Looking the customer up for a new ticket caches their record, phones included.
  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  await page.getByLabel('Buscar por').selectOption('name');
  await page.getByLabel('Termo da busca').fill(customerName);
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  const result = page.getByTestId('customer-result').first();
  await expect(result).toBeVisible();
  const found = (await result.locator('strong').textContent())?.trim() ?? '';
  const phone = /(\d{10,11})\s*$/.exec((await result.textContent()) ?? '')?.[1] ?? '';
  expect(phone).toMatch(/^\d{10,11}$/);
  const masked = `(${phone.slice(0, 2)}) ${phone.slice(2, -4)}-${phone.slice(-4)}`;

  await page.getByRole('link', { name: 'Caixa de entrada' }).click();
  for (const typed of [masked, `+55 ${phone}`, `${phone.slice(2, -4)}-${phone.slice(-4)}`]) {
    await search(page, typed);
    const hits = page.getByTestId('search-hit').filter({ hasText: found });
    await expect(hits.first()).toBeVisible();
    await expect(hits.first().getByTestId('search-matched')).toHaveText(/telefone$/);
    await expect(hits.first().locator('mark')).toHaveText(phone);
  }
});

test.describe('in English', () => {
  test.beforeEach(async ({ page }) => {
    await page.evaluate(() => localStorage.setItem('hubdesk.locale', 'en'));
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  });
  test.afterEach(async ({ page }) => {
    await page.evaluate(() => localStorage.removeItem('hubdesk.locale'));
  });

  test('a protocol fragment finds its ticket and the result says "protocol"', async ({ page }) => {
    const { protocol, fragment } = await protocolFragment(page);
    await search(page, fragment);
    const hit = page.getByTestId('search-hit').filter({ hasText: protocol });
    await expect(hit.getByTestId('search-matched')).toHaveText(/Found in:\s*protocol$/);
  });
});
