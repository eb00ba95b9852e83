import { expect, test, type Page } from '@playwright/test';
import type { BrowserGlobals } from '../support/browser-globals';
import {
  addMessageOnServer,
  closableProtocol,
  openTicket,
  openWorkspace,
  queueOfflineThenCloseOnServer,
  serverMessages,
  startWorkspace,
  waitForFirstSync,
  storedDraft,
  type Workspace,
} from '../support/workspace';

let workspace: Workspace;

test.use({ viewport: { width: 1366, height: 768 } });

test.beforeAll(async () => {
  workspace = await startWorkspace();
});
test.afterAll(async () => {
  await workspace.close();
});

test.beforeEach(async ({ page }) => {
  await openWorkspace(page, workspace);
  await waitForFirstSync(page);
});

function serverTicket(protocol: string) {
  const [record] = workspace.sim.state({ protocol });
  if (!record) throw new Error(`the server has no ticket ${protocol}`);
  return record;
}

/** How far the timeline is from its end, in pixels (0 when the latest entry is in view). */
function distanceFromEnd(page: Page): Promise<number> {
  return page
    .getByTestId('timeline-scroller')
    .evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
}

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
}

test('the timeline opens on its latest entry, the reply box stays under it and the side panel stays put', async ({
  page,
}) => {
  const protocol = await closableProtocol(page, workspace.sim);
  const record = serverTicket(protocol);
  // A long history, written in HubSoft by others.
  for (let i = 1; i <= 12; i += 1) {
    await addMessageOnServer(workspace.sim, record.id, `Mensagem de acompanhamento número ${i}`);
  }
  await openTicket(page, protocol);
  const scroller = page.getByTestId('timeline-scroller');
  await expect(scroller.getByText('Mensagem de acompanhamento número 12')).toBeVisible({
    timeout: 20_000,
  });
  await expect.poll(() => distanceFromEnd(page)).toBeLessThan(2);
  await expect(scroller.getByText('Mensagem de acompanhamento número 12')).toBeInViewport();
  await expect(page.getByTestId('reply-box')).toBeInViewport();

  // Reading older entries scrolls the timeline alone.
  const side = page.getByTestId('ticket-side');
  const sideBefore = await side.boundingBox();
  const replyBefore = await page.getByTestId('reply-box').boundingBox();
  await scroller.evaluate((element) => (element.scrollTop = 0));
  await expect(page.getByTestId('timeline-opening')).toBeInViewport();
  expect(await side.boundingBox()).toEqual(sideBefore);
  expect(await page.getByTestId('reply-box').boundingBox()).toEqual(replyBefore);
  await expect(page.getByTestId('reply-box')).toBeInViewport();

  // Sent from there, the agent's reply brings the timeline back to its end, where it shows.
  await page.getByTestId('reply-box').fill('Verificado, o sinal está normal agora.');
  await page.getByTestId('reply-box').press('Control+Enter');
  await expect(
    scroller.getByTestId('timeline-message').filter({ hasText: 'Verificado, o sinal' }),
  ).toBeInViewport();
  await expect.poll(() => distanceFromEnd(page)).toBeLessThan(2);
});

test('the agent\'s own messages say "Você" and look apart from everyone else\'s', async ({
  page,
}) => {
  const protocol = await closableProtocol(page, workspace.sim);
  const record = serverTicket(protocol);
  await addMessageOnServer(workspace.sim, record.id, 'Cliente ligou de novo pedindo retorno');
  await openTicket(page, protocol);
  const other = page
    .getByTestId('timeline-message')
    .filter({ hasText: 'Cliente ligou de novo pedindo retorno' });
  await expect(other).toBeVisible({ timeout: 20_000 });
  await expect(other.locator('.who')).toHaveText('Outra pessoa');

  const text = `Retorno do atendente ${Date.now()}`;
  await page.getByTestId('reply-box').fill(text);
  await page.getByTestId('reply-box').press('Control+Enter');
  const own = page.getByTestId('timeline-message').filter({ hasText: text });
  await expect(own.locator('.who')).toHaveText('Você');
  await expect
    .poll(() => serverMessages(workspace.sim, protocol), { timeout: 20_000 })
    .toContain(text);
  // Confirmed by HubSoft, it is still the agent's own.
  await expect(own.getByTestId('timeline-action-state')).toHaveCount(0, { timeout: 20_000 });
  await expect(own.locator('.who')).toHaveText('Você');
  const look = (entry: typeof own) =>
    entry.evaluate((element) => {
      const style = (globalThis as unknown as BrowserGlobals).getComputedStyle(element);
      return { background: style.backgroundColor, left: element.getBoundingClientRect().left };
    });
  const ownLook = await look(own);
  const otherLook = await look(other);
  expect(ownLook.background).not.toBe(otherLook.background);
  expect(ownLook.left).toBeGreaterThan(otherLook.left);
});

test('closing is a timeline event with its reason and text, and the ticket looks closed at once', async ({
  page,
}) => {
  const protocol = await closableProtocol(page, workspace.sim);
  await openTicket(page, protocol);
  await expect(page.getByRole('button', { name: 'Fechar atendimento' })).toBeVisible();
  await page.getByRole('button', { name: 'Fechar atendimento' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fechar atendimento' });
  const reason = dialog.getByLabel('Motivo do fechamento');
  await reason.selectOption({ index: 1 });
  const reasonLabel = ((await reason.locator('option:checked').textContent()) ?? '').trim();
  await dialog.getByLabel('Descrição do fechamento').fill('Cabo trocado, sinal normalizado.');
  await dialog.getByRole('button', { name: 'Fechar atendimento' }).click();
  await expect(dialog).toBeHidden();

  // At once, before HubSoft even answered: header, status panel, SLA, reply box.
  await expect(page.getByTestId('ticket-closed')).toHaveText('Fechado');
  await expect(page.getByTestId('status-readonly')).toContainText(
    'Atendimento fechado: status e tipo não mudam mais.',
  );
  await expect(page.getByRole('combobox', { name: /^Status/ })).toHaveCount(0);
  await expect(page.locator('header [data-testid="sla"]')).toHaveCount(0);
  await expect(page.getByTestId('reply-box')).toHaveCount(0);
  await expect(page.getByTestId('reply-closed')).toContainText('Atendimento fechado');
  await expect(page.getByRole('button', { name: 'Fechar atendimento' })).toHaveCount(0);

  const closing = page.getByTestId('timeline-closing');
  await expect(closing).toContainText(`Motivo: ${reasonLabel}`);
  await expect(closing).toContainText('Cabo trocado, sinal normalizado.');
  // Once HubSoft confirmed it, the same event reads from the server's copy.
  await expect.poll(() => serverTicket(protocol).closedAt, { timeout: 20_000 }).not.toBeNull();
  await syncNow(page);
  await expect(closing.locator('.badge')).toHaveCount(0, { timeout: 20_000 });
  await expect(closing).toContainText(`Motivo: ${reasonLabel}`);
  await expect(closing).toContainText('Cabo trocado, sinal normalizado.');
});

test('a reply HubSoft refuses shows in the timeline with the reason, and is fixed right there', async ({
  page,
}) => {
  const protocol = await closableProtocol(page, workspace.sim);
  await openTicket(page, protocol);
  const text = `Resposta recusada ${Date.now()}`;
  await page.getByTestId('reply-box').fill(text);
  await queueOfflineThenCloseOnServer(page, workspace.sim, protocol);

  // Refused, the reply stays in the timeline (as the agent's own failed action) with its text.
  const entry = page.getByTestId('timeline-scroller').locator('li').filter({ hasText: text });
  await expect(entry.getByTestId('timeline-action-state')).toHaveText(/Falhou|Precisa de você/, {
    timeout: 30_000,
  });
  await expect(entry.getByTestId('timeline-action-reason')).toContainText(/fechado/);
  await expect(entry.getByRole('button', { name: 'Tentar de novo' })).toBeVisible();
  await expect(entry.getByRole('button', { name: 'Editar e reenviar' })).toBeVisible();

  // Edit in place: the typed text is there to correct.
  await entry.getByRole('button', { name: 'Editar e reenviar' }).click();
  await expect(entry.getByTestId('action-edit-text')).toHaveValue(text);
  await entry.getByRole('button', { name: 'Cancelar' }).click();

  // Discard asks first; confirmed, the reply leaves the timeline and never reaches HubSoft.
  await entry.getByRole('button', { name: 'Descartar' }).click();
  const confirm = page.getByRole('dialog', { name: 'Descartar esta ação?' });
  await expect(confirm).toContainText('Isso não pode ser desfeito.');
  await confirm.getByRole('button', { name: 'Descartar' }).click();
  await expect(entry).toHaveCount(0);
  expect(serverMessages(workspace.sim, protocol)).not.toContain(text);
});

test('a close HubSoft refuses (an order in execution) shows in the timeline with the reason, and the ticket stays open', async ({
  page,
}) => {
  const protocols = await page.locator('[data-testid="ticket-row"] .protocol').allTextContents();
  const protocol = protocols
    .map((text) => text.trim())
    .find((candidate) =>
      workspace.sim
        .state({ protocol: candidate })[0]
        ?.serviceOrders.some((order) => order.status === 'em_execucao'),
    );
  if (!protocol) throw new Error('no listed ticket has a service order in execution');
  await openTicket(page, protocol);
  await page.getByRole('button', { name: 'Fechar atendimento' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fechar atendimento' });
  await dialog.getByLabel('Motivo do fechamento').selectOption({ index: 1 });
  await dialog.getByRole('button', { name: 'Fechar atendimento' }).click();

  const entry = page.getByTestId('timeline-action').filter({ hasText: 'Fechamento' });
  await expect(entry.getByTestId('timeline-action-state')).toHaveText(/Falhou|Precisa de você/, {
    timeout: 30_000,
  });
  await expect(entry.getByTestId('timeline-action-reason')).toContainText('em execução');
  await expect(entry.getByRole('button', { name: 'Tentar de novo' })).toBeVisible();
  // The local close was undone: the ticket is open again, its reply box back.
  await expect(page.getByTestId('ticket-closed')).toHaveCount(0);
  await expect(page.getByTestId('reply-box')).toBeVisible();
  await entry.getByRole('button', { name: 'Descartar' }).click();
  await page
    .getByRole('dialog', { name: 'Descartar esta ação?' })
    .getByRole('button', { name: 'Descartar' })
    .click();
  await expect(entry).toHaveCount(0);
  expect(serverTicket(protocol).closedAt).toBeNull();
});

test('the outbox names each action by protocol and customer and links to its ticket', async ({
  page,
}) => {
  const protocol = await closableProtocol(page, workspace.sim);
  await openTicket(page, protocol);
  const customer = ((await page.getByTestId('customer-name').textContent()) ?? '').trim();
  const text = `Resposta na fila ${Date.now()}`;
  await page.getByTestId('reply-box').fill(text);
  await queueOfflineThenCloseOnServer(page, workspace.sim, protocol);

  await page.getByRole('link', { name: 'Fila de envio' }).click();
  const item = page.getByTestId('outbox-item').filter({ hasText: text });
  const link = item.getByTestId('outbox-ticket-link');
  await expect(link).toContainText(protocol);
  await expect(link).toContainText(customer);
  await link.click();
  await expect(page.getByTestId('ticket-protocol')).toHaveText(protocol);
});

test('news from others while the ticket is open shows above the reply box, and one click shows it', async ({
  page,
}) => {
  const protocol = await closableProtocol(page, workspace.sim);
  await openTicket(page, protocol);
  await expect(page.getByText('Atualizando do servidor…')).toHaveCount(0, { timeout: 20_000 });
  await page.getByTestId('reply-box').fill('Estou escrevendo uma resposta');
  await addMessageOnServer(
    workspace.sim,
    serverTicket(protocol).id,
    'O cliente mandou foto do roteador',
  );
  await syncNow(page);

  const news = page.getByTestId('reply-news');
  await expect(news).toHaveText(/1 mensagem nova desde que você abriu este atendimento/, {
    timeout: 20_000,
  });
  await news.getByRole('button', { name: 'Mostrar' }).click();
  await expect(news).toHaveCount(0);
  const fresh = page.getByTestId('timeline-message').filter({ hasText: 'O cliente mandou foto' });
  await expect(fresh).toBeInViewport();
  await expect(fresh).toContainText('Nova');
  await expect(page.getByTestId('reply-box')).toHaveValue('Estou escrevendo uma resposta');
  // Emptied, the draft leaves no trace on this ticket for the tests after.
  await page.getByTestId('reply-box').fill('');
  await expect.poll(() => storedDraft(page, `reply:t:${serverTicket(protocol).id}`)).toBe('');
});

test.describe('in English, dark', () => {
  test.beforeEach(async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => localStorage.setItem('hubdesk.locale', 'en'));
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  });
  test.afterEach(async ({ page }) => {
    await page.evaluate(() => localStorage.removeItem('hubdesk.locale'));
  });

  test('authors, the closing event and the closed look read in English', async ({ page }) => {
    const protocol = await closableProtocol(page, workspace.sim);
    await addMessageOnServer(workspace.sim, serverTicket(protocol).id, 'Customer called again');
    await page.getByTestId('ticket-row').filter({ hasText: protocol }).click();
    await expect(page.getByTestId('ticket-protocol')).toHaveText(protocol);
    const other = page.getByTestId('timeline-message').filter({ hasText: 'Customer called again' });
    await expect(other.locator('.who')).toHaveText('Someone else', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Close ticket' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close ticket' });
    await dialog.getByLabel('Closing reason').selectOption({ index: 1 });
    await dialog.getByRole('button', { name: 'Close ticket' }).click();
    await expect(page.getByTestId('ticket-closed')).toHaveText('Closed');
    await expect(page.getByTestId('timeline-closing')).toContainText('Reason:');
    await expect(page.getByTestId('reply-closed')).toContainText('Ticket closed');
    await expect(page.getByTestId('status-readonly')).toContainText('Ticket closed');
  });

  test('a refused reply, its outbox entry and the discard question read in English', async ({
    page,
  }) => {
    const protocol = await closableProtocol(page, workspace.sim);
    await page.getByTestId('ticket-row').filter({ hasText: protocol }).click();
    await expect(page.getByTestId('ticket-protocol')).toHaveText(protocol);
    const text = `Reply HubSoft refuses ${Date.now()}`;
    await page.getByTestId('reply-box').fill(text);
    await queueOfflineThenCloseOnServer(page, workspace.sim, protocol);
    const entry = page.getByTestId('timeline-scroller').locator('li').filter({ hasText: text });
    await expect(entry.getByTestId('timeline-action-state')).toHaveText(/Failed|Needs you/, {
      timeout: 30_000,
    });
    await expect(entry.locator('.who')).toHaveText('You');
    // Main keeps the reason in Portuguese; in English it reads in English, HubSoft's words after.
    await expect(entry.getByTestId('timeline-action-reason')).toContainText(/^HubSoft refused/);

    await page.getByRole('link', { name: 'Outbox' }).click();
    const item = page.getByTestId('outbox-item').filter({ hasText: text });
    await expect(item.getByTestId('outbox-ticket-link')).toContainText(protocol);
    await item.getByRole('button', { name: 'Discard' }).click();
    const confirm = page.getByRole('dialog', { name: 'Discard this action?' });
    await expect(confirm).toContainText('This cannot be undone.');
    await confirm.getByRole('button', { name: 'Discard' }).click();
    await expect(item).toHaveCount(0);
  });
});
