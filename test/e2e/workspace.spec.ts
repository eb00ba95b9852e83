import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  closableProtocol,
  goOffline,
  goOnline,
  openTicketOnServer,
  openWorkspace,
  startWorkspace,
  type Workspace,
  waitForFirstSync,
} from '../support/workspace';

let workspace: Workspace;

test.beforeAll(async () => {
  workspace = await startWorkspace({ tickets: 1500 });
});
test.afterAll(async () => {
  await workspace.close();
});

const laptop = { width: 1366, height: 768 };

async function total(page: Page): Promise<number> {
  const text = (await page.getByTestId('inbox-total').textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

async function scrollTop(list: Locator): Promise<number> {
  return list.evaluate((nav) => {
    const scroller = [...nav.querySelectorAll('*')].find(
      (element) => element.scrollHeight > element.clientHeight + 1,
    );
    return scroller?.scrollTop ?? 0;
  });
}

/** Rows wholly inside the list's visible area. */
async function settledScrollTop(page: Page, list: Locator): Promise<number> {
  let last = await scrollTop(list);
  for (;;) {
    await page.waitForTimeout(250);
    const now = await scrollTop(list);
    if (now === last) return now;
    last = now;
  }
}

async function fullyVisibleRows(page: Page): Promise<number> {
  return page.getByRole('navigation', { name: 'Atendimentos' }).evaluate((nav) => {
    const box = nav.getBoundingClientRect();
    return [...nav.querySelectorAll('[data-testid="ticket-row"]')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    }).length;
  });
}

/** A view's count as the sidebar shows it. */
async function viewCount(page: Page, view: string): Promise<number> {
  const text = (await page.getByTestId(`view-${view}`).locator('.count').textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

/** Until the first sync is over the list and its counts move: wait for it to end. */
async function waitForSyncDone(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const api = (
            globalThis as unknown as {
              hubdesk: {
                sync: { status(): Promise<{ running: boolean; lastSyncAt: string | null }> };
              };
            }
          ).hubdesk;
          const status = await api.sync.status();
          return !status.running && status.lastSyncAt !== null;
        }),
      { timeout: 90_000 },
    )
    .toBe(true);
}

/** The data-key of the nth row wholly in view (the list renders a few more above and below). */
async function rowInView(page: Page, n: number): Promise<string> {
  const key = await page
    .getByRole('navigation', { name: /^(Atendimentos|Tickets)$/ })
    .evaluate((nav, index) => {
      const box = nav.getBoundingClientRect();
      const rows = [...nav.querySelectorAll('[data-testid="ticket-row"]')]
        .filter((row) => {
          const r = row.getBoundingClientRect();
          return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
        })
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return rows[index]?.getAttribute('data-key') ?? '';
    }, n);
  expect(key).not.toBe('');
  return key;
}

test.beforeEach(async ({ page }) => {
  goOnline(workspace.sim);
  await page.setViewportSize(laptop);
  await openWorkspace(page, workspace);
  await waitForSyncDone(page);
  await page.evaluate(() => localStorage.removeItem('hubdesk.inbox'));
  await page.reload();
  await expect(page.getByTestId('ticket-row').first()).toBeVisible();
});

test.describe('in Portuguese', () => {
  test('at 1366x768 the list and the open ticket sit side by side, and j/k walk the list without losing its place', async ({
    page,
  }) => {
    const list = page.getByRole('navigation', { name: 'Atendimentos' });
    expect(await fullyVisibleRows(page)).toBeGreaterThanOrEqual(15);

    await list.hover();
    await page.mouse.wheel(0, 1200);
    await expect.poll(() => scrollTop(list)).toBeGreaterThan(1000);
    // As an agent does, click once the list has come to rest (the virtual list may still adjust
    // its offset for rows it measured on the way).
    const scrolled = await settledScrollTop(page, list);

    const picked = list.locator(`[data-key="${await rowInView(page, 4)}"]`);
    const protocol = (await picked.locator('.protocol').textContent()) ?? '';
    await picked.click();
    await expect(page.getByTestId('ticket-pane').getByTestId('ticket-protocol')).toHaveText(
      protocol,
    );
    await expect(list).toBeVisible();
    expect(await scrollTop(list)).toBe(scrolled);
    await expect(picked).toHaveAttribute('aria-current', 'true');
    await expect(picked).toBeFocused();

    // j: the next row is the cursor and its ticket opens beside the list; the focus stays there.
    const nextKey = await rowInView(page, 5);
    await page.keyboard.press('j');
    const next = list.locator(`[data-key="${nextKey}"]`);
    await expect(next).toHaveAttribute('aria-current', 'true');
    await expect(next).toBeFocused();
    const nextProtocol = (await next.locator('.protocol').textContent()) ?? '';
    await expect(page.getByTestId('ticket-protocol')).toHaveText(nextProtocol);
    await page.keyboard.press('k');
    await expect(page.getByTestId('ticket-protocol')).toHaveText(protocol);
    expect(Math.abs((await scrollTop(list)) - scrolled)).toBeLessThan(400);
  });

  test('the cursor stays on the open ticket when a sync brings newer tickets in above it', async ({
    page,
  }) => {
    const list = page.getByRole('navigation', { name: 'Atendimentos' });
    const picked = list.getByTestId('ticket-row').nth(2);
    const protocol = ((await picked.locator('.protocol').textContent()) ?? '').trim();
    await picked.click();
    await expect(page.getByTestId('ticket-protocol')).toHaveText(protocol);
    const before = await total(page);

    // The same customer calls again: the new ticket is the newest and lands at the top.
    const [record] = workspace.sim.state({ protocol });
    await openTicketOnServer(workspace.sim, record?.serviceId ?? 0, 'Cliente sem sinal desde cedo');
    await page.getByRole('button', { name: 'Sincronizar agora' }).click();
    await expect.poll(() => total(page), { timeout: 20_000 }).toBe(before + 1);

    const current = list.locator('[data-testid="ticket-row"][aria-current="true"]');
    await expect(current.locator('.protocol')).toHaveText(protocol);
    await expect(page.getByTestId('ticket-protocol')).toHaveText(protocol);
  });

  test('below 1100 px one pane shows at a time, and Esc from a ticket comes back to the same row and scroll', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1000, height: 768 });
    const list = page.getByRole('navigation', { name: 'Atendimentos' });
    await expect(list.getByTestId('ticket-row').first()).toBeVisible();
    // The list is drawn again for the one-pane layout: scroll once it takes the wheel.
    await expect(async () => {
      await list.hover();
      await page.mouse.wheel(0, 400);
      expect(await scrollTop(list)).toBeGreaterThan(1400);
    }).toPass();
    // Where the wheel left the list once it came to rest, as the agent sees it.
    const scrolled = await settledScrollTop(page, list);
    const key = await rowInView(page, 3);
    const row = list.locator(`[data-key="${key}"]`);
    await row.focus();
    await page.keyboard.press('Enter');

    await expect(page.getByTestId('ticket-protocol')).toBeVisible();
    await expect(list).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

    await page.keyboard.press('Escape');
    await expect(list).toBeVisible();
    await expect.poll(() => scrollTop(list)).toBe(scrolled);
    await expect(list.locator(`[data-key="${key}"]`)).toHaveAttribute('aria-current', 'true');
  });

  test('filters fold into one line with "limpar filtros", and come back after a restart', async ({
    page,
  }) => {
    // The totals before and after the restart are compared: the first sync must be done adding.
    await waitForFirstSync(page);
    const summary = page.getByTestId('filter-summary');
    await expect(summary).toHaveText('Abertos · Mais novos primeiro');
    await expect(page.getByRole('button', { name: 'Limpar filtros' })).toBeHidden();
    await expect(page.getByLabel('Situação')).toBeHidden();

    await page.getByRole('button', { name: /^Filtros( \d+)?$/ }).click();
    await page.getByLabel('Situação').selectOption('closed');
    await page.getByLabel('Ordem').selectOption('opened_asc');
    await expect(summary).toHaveText('Fechados · Mais antigos primeiro');
    const closed = await total(page);

    await page.reload();
    await expect(summary).toHaveText('Fechados · Mais antigos primeiro');
    await expect.poll(() => total(page)).toBe(closed);

    await page.getByRole('button', { name: 'Limpar filtros' }).click();
    await expect(summary).toHaveText('Abertos · Mais antigos primeiro');
    await expect(page.getByRole('button', { name: 'Limpar filtros' })).toBeHidden();
  });

  test('the sidebar views count what they list, breached tickets say for how long, and counts follow a close', async ({
    page,
  }) => {
    for (const view of ['breached', 'unassigned', 'awaiting_customer', 'mine_open']) {
      await page.getByTestId(`view-${view}`).click();
      await expect(page.getByTestId(`view-${view}`)).toHaveAttribute('aria-current', 'true');
      await expect.poll(() => total(page)).toBe(await viewCount(page, view));
    }

    await page.getByTestId('view-breached').click();
    const breached = page.getByTestId('ticket-row').first();
    await expect(breached.getByTestId('sla')).toHaveText(
      /Estourado há \d+ (d \d+ h|h \d+ min|min)$/,
    );
    await expect(page.getByTestId('filter-summary')).toHaveText('Estourados · SLA mais urgente');

    await page.getByTestId('view-unassigned').click();
    await expect
      .poll(async () => new Set(await page.getByTestId('row-responsible').allTextContents()))
      .toEqual(new Set(['Sem responsável']));

    await page.getByTestId('view-awaiting_customer').click();
    const statuses = page.locator('[data-testid="ticket-row"] .status');
    await expect
      .poll(async () => new Set((await statuses.allTextContents()).map((text) => text.trim())))
      .toEqual(new Set(['Aguardando Cliente']));

    // Closed tickets carry no SLA countdown.
    await page.getByRole('button', { name: 'Limpar filtros' }).click();
    await page.getByRole('button', { name: /^Filtros( \d+)?$/ }).click();
    await page.getByLabel('Situação').selectOption('closed');
    await expect(page.getByTestId('ticket-row').first()).toBeVisible();
    await expect(page.locator('[data-testid="ticket-row"] [data-testid="sla"]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Limpar filtros' }).click();

    // Closing a ticket here moves it into "fechados hoje" without a reload.
    const closedToday = await viewCount(page, 'closed_today');
    const protocol = await closableProtocol(page, workspace.sim);
    await page.getByTestId('ticket-row').filter({ hasText: protocol }).click();
    await page
      .getByTestId('ticket-pane')
      .getByRole('button', { name: 'Fechar atendimento' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Fechar atendimento' });
    await dialog.getByLabel('Motivo do fechamento').selectOption({ index: 1 });
    await dialog.getByRole('button', { name: 'Fechar atendimento' }).click();
    await expect
      .poll(() => viewCount(page, 'closed_today'), { timeout: 20_000 })
      .toBe(closedToday + 1);
  });

  test('"fechar e ir para o próximo" closes the ticket and opens the next one; Esc gives the focus back', async ({
    page,
  }) => {
    const protocol = await closableProtocol(page, workspace.sim);
    const rows = page.getByTestId('ticket-row');
    const row = rows.filter({ hasText: protocol });
    await row.click();
    const keys = await rows.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('data-key')),
    );
    const index = keys.indexOf(await row.getAttribute('data-key'));
    const nextProtocol =
      (await rows
        .nth(index + 1)
        .locator('.protocol')
        .textContent()) ?? '';

    // The dialog gives the focus back where it was when it closes.
    await expect(row).toBeFocused();
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(row).toBeFocused();

    await page.keyboard.press('c');
    await dialog.getByLabel('Motivo do fechamento').selectOption({ index: 1 });
    await dialog.getByRole('button', { name: 'Fechar e ir para o próximo' }).click();
    await expect(page.getByTestId('ticket-protocol')).toHaveText(nextProtocol);
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('ticket-row').filter({ hasText: nextProtocol })).toHaveAttribute(
      'aria-current',
      'true',
    );
  });

  test('rows show the last message, who is responsible, and markers for a draft and a pending action', async ({
    page,
  }) => {
    const row = page.getByTestId('ticket-row').nth(1);
    const key = (await row.getAttribute('data-key')) ?? '';
    await row.click();
    await page.getByTestId('reply-box').fill('Rascunho que fica para depois');
    // Another ticket: the row left behind says a reply is waiting in it.
    await page.keyboard.press('Escape');
    await page.locator('body').press('j');
    const left = page.locator(`[data-key="${key}"]`);
    await expect(left.getByText('Rascunho', { exact: true })).toBeVisible();

    goOffline(workspace.sim);
    await left.click();
    const text = `Resposta na fila ${Date.now()}`;
    await page.getByTestId('reply-box').fill(text);
    await page.getByRole('button', { name: 'Enviar' }).click();
    await expect(left.getByTestId('row-snippet')).toHaveText(text);
    await expect(left.getByText(/^1 pendente$/)).toBeVisible();
    await expect(left.getByText('Rascunho', { exact: true })).toBeHidden();
    await expect(left.getByTestId('row-responsible')).not.toBeEmpty();
  });

  test('offline is a banner that counts the queued actions', async ({ page }) => {
    await expect(page.getByText(/^Sem conexão: suas ações ficam na fila/)).toBeHidden();
    await page.getByTestId('ticket-row').first().click();
    goOffline(workspace.sim);
    await page.getByRole('button', { name: 'Sincronizar agora' }).click();
    const banner = page.getByTestId('offline-banner');
    await expect(banner).toHaveText(/Sem conexão: suas ações ficam na fila \((\d+)\)$/, {
      timeout: 20_000,
    });
    const before = Number(/\((\d+)\)/.exec((await banner.textContent()) ?? '')?.[1]);
    await page.getByTestId('reply-box').fill(`Enviada sem conexão ${Date.now()}`);
    await page.getByRole('button', { name: 'Enviar' }).click();
    await expect(banner).toHaveText(
      new RegExp(`Sem conexão: suas ações ficam na fila \\(${before + 1}\\)$`),
    );

    goOnline(workspace.sim);
    await page.getByRole('button', { name: 'Sincronizar agora' }).click();
    await expect(banner).toBeEmpty({ timeout: 30_000 });
  });

  test('in search, Enter goes to the results, Esc brings the list back, and the count reads in Portuguese', async ({
    page,
  }) => {
    const rows = page.getByTestId('ticket-row');
    const protocol = ((await rows.nth(2).locator('.protocol').textContent()) ?? '').trim();
    const field = page.getByRole('searchbox', { name: 'Buscar atendimentos' });
    await page.locator('body').press('/');
    await expect(field).toBeFocused();
    await page.keyboard.type('zzqxnada');
    await expect(page.getByText('Nenhum resultado', { exact: true })).toBeVisible();
    await field.fill(protocol);
    await expect(page.getByText('1 resultado', { exact: true })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('search-hit').first()).toBeFocused();
    await field.focus();
    await page.keyboard.press('Escape');
    await expect(field).toHaveValue('');
    await expect(rows.first()).toBeVisible();
    await expect(page.locator('[data-testid="ticket-row"][aria-current="true"]')).toBeFocused();
  });
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

  test('the split view, views, filter line, SLA and search count read in English', async ({
    page,
  }) => {
    const list = page.getByRole('navigation', { name: 'Tickets' });
    await expect(list.getByTestId('ticket-row').first()).toBeVisible();
    await expect(page.getByText('Pick a ticket from the list', { exact: false })).toBeVisible();
    await expect(page.getByTestId('filter-summary')).toHaveText('Open · Newest first');

    await page.getByRole('button', { name: /^Breached/ }).click();
    await expect(page.getByTestId('filter-summary')).toHaveText('Breached · Most urgent SLA');
    await expect(list.getByTestId('ticket-row').first().getByTestId('sla')).toHaveText(
      /Breached \d+ (d \d+ h|h \d+ min|min) ago$/,
    );
    await list.getByTestId('ticket-row').first().click();
    await expect(page.getByTestId('ticket-pane').getByTestId('ticket-protocol')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByTestId('filter-summary')).toHaveText('Open · Most urgent SLA');

    await page.getByRole('searchbox').fill('zzqxnada');
    await expect(page.getByText('No results', { exact: true })).toBeVisible();
  });

  test('offline, the banner says so in English', async ({ page }) => {
    goOffline(workspace.sim);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('offline-banner')).toHaveText(
      /Offline: your actions wait in the queue \(\d+\)$/,
      { timeout: 20_000 },
    );
  });
});
