/**
 * What sync brings, as the agent meets it in the browser host: search over every cached ticket's
 * messages right after the first sync, the search index line while opening texts fill, and a
 * ticket deleted on the server leaving the inbox while sync keeps working.
 */
import { expect, test, type Page } from '@playwright/test';
import type { HubdeskApi } from '../../preload/contract';
import type { TicketListPage } from '../../preload/types';
import { signIn, startWorkspace, type Workspace } from '../support/workspace';

let workspace: Workspace;

test.beforeAll(async () => {
  workspace = await startWorkspace({ tickets: 1_000 });
});
test.afterAll(async () => {
  await workspace.close();
});

type PageGlobals = { hubdesk: HubdeskApi };

/** Every id the cache lists for a query, page by page, through `window.hubdesk`. */
async function listedIds(page: Page, search: string | null): Promise<number[]> {
  return page.evaluate(async (text) => {
    const api = (globalThis as unknown as PageGlobals).hubdesk;
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const result: TicketListPage = await api.tickets.list({
        status: 'all',
        limit: 500,
        cursor,
        ...(text === null ? {} : { search: text }),
      });
      for (const ticket of result.items) if (ticket.id !== null) ids.push(ticket.id);
      cursor = result.nextCursor;
    } while (cursor !== null);
    return ids;
  }, search);
}

const lastSyncAt = (page: Page) =>
  page.evaluate(
    async () => (await (globalThis as unknown as PageGlobals).hubdesk.sync.status()).lastSyncAt,
  );

test('a word from messages finds at least 95% of the cached tickets holding it after the first sync', async ({
  page,
}) => {
  await page.goto(workspace.host.url);
  await signIn(page, workspace.sim);
  await expect(page.getByTestId('last-sync')).not.toHaveText(/nunca/, { timeout: 60_000 });
  // Opening texts are still being filled in the background, and the status bar says so.
  await expect(page.getByTestId('search-index')).toHaveText(
    /Índice de busca: \d+% dos atendimentos com texto de abertura/,
  );

  const cached = new Set(await listedIds(page, null));
  const holders = workspace.sim
    .state()
    .filter((record) => cached.has(record.id))
    .filter((record) => record.messages.some((message) => /whatsapp/i.test(message.text)))
    .map((record) => record.id);
  expect(holders.length).toBeGreaterThan(50);
  const found = new Set(await listedIds(page, 'whatsapp'));
  const share = holders.filter((id) => found.has(id)).length / holders.length;
  expect(share).toBeGreaterThanOrEqual(0.95);
});

test('a ticket deleted on the server leaves the inbox and sync keeps working', async ({ page }) => {
  await page.goto(workspace.host.url);
  await expect(page.getByTestId('ticket-row').first()).toBeVisible({ timeout: 30_000 });
  const row = page.getByTestId('ticket-row').first();
  await row.click();
  const protocol = (await page.getByTestId('ticket-protocol').textContent()) ?? '';
  expect(protocol).toMatch(/^\d{15,20}$/);
  await page.getByRole('link', { name: 'Caixa de entrada' }).click();
  const before = await lastSyncAt(page);

  const deleted = await fetch(`${workspace.sim.url}/__sim/delete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ protocol }),
  });
  expect(deleted.status).toBe(200);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();

  await expect.poll(() => lastSyncAt(page), { timeout: 60_000 }).not.toBe(before);
  await expect(page.getByTestId('ticket-row').filter({ hasText: protocol })).toHaveCount(0);
  await expect(page.getByText('A última sincronização falhou')).toHaveCount(0);
});
