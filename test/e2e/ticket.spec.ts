import { expect, test } from '@playwright/test';
import type { BrowserGlobals } from '../support/browser-globals';
import {
  closableProtocol,
  closeOnServer,
  openFirstTicket,
  openTicket,
  openWorkspace,
  serverMessages,
  startWorkspace,
  storedDraft,
  type Workspace,
} from '../support/workspace';

let workspace: Workspace;

test.beforeAll(async () => {
  workspace = await startWorkspace();
});
test.afterAll(async () => {
  await workspace.close();
});

test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWorkspace(page, workspace);
});

function ticketKey(url: string): string {
  return decodeURIComponent(new URL(url).hash.replace('#/ticket/', ''));
}

test('a ticket shows its header, customer and history, and the protocol copies with one click', async ({
  page,
}) => {
  const protocol = await openFirstTicket(page);
  await expect(page.getByTestId('customer-name')).not.toHaveText('—');
  await expect(page.getByTestId('timeline-opening')).toBeVisible();
  await page.getByRole('button', { name: 'Copiar protocolo' }).click();
  const clipboard = await page.evaluate(() =>
    (globalThis as unknown as BrowserGlobals).navigator.clipboard.readText(),
  );
  expect(clipboard).toBe(protocol);
});

test("a ticket's opening time stays the server's exact time after the ticket is opened", async ({
  page,
}) => {
  const row = page.getByTestId('ticket-row').first();
  const protocol = ((await row.locator('.protocol').textContent()) ?? '').trim();
  const [record] = workspace.sim.state({ protocol });
  if (!record) throw new Error(`the server has no ticket ${protocol}`);
  // The server's instant as the agent's screen writes it, in the browser's own time zone.
  const exact = await page.evaluate((ms) => {
    const at = new Date(ms);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${two(at.getDate())}/${two(at.getMonth() + 1)}/${at.getFullYear()} ${two(at.getHours())}:${two(at.getMinutes())}`;
  }, record.openedAt);
  await expect(row.locator('.age')).toHaveAttribute('title', exact);

  await row.click();
  await expect(page.getByTestId('ticket-protocol')).toHaveText(protocol);
  // The opening text comes only with the detail (fact 33): once shown, the detail is stored.
  await expect(page.getByTestId('timeline-opening')).toContainText(record.description);
  await expect(page.getByTestId('ticket-opened-at')).toHaveText(`Aberto em ${exact}`);
  await expect(page.getByTestId('timeline-opening').locator('time')).toHaveText(exact);

  await page.getByRole('link', { name: 'Caixa de entrada' }).click();
  await expect(
    page.getByTestId('ticket-row').filter({ hasText: protocol }).locator('.age'),
  ).toHaveAttribute('title', exact);
});

test('service orders show their status by label, never the raw prefix', async ({ page }) => {
  const labels: Record<string, string> = {
    aguardando_agendamento: 'Aguardando agendamento',
    agendado: 'Agendado',
    em_execucao: 'Em execução',
    finalizado: 'Finalizado',
  };
  const protocols = await page.locator('[data-testid="ticket-row"] .protocol').allTextContents();
  const record = protocols
    .map((text) => workspace.sim.state({ protocol: text.trim() })[0])
    .find((candidate) => candidate && candidate.serviceOrders.length > 0);
  if (!record) throw new Error('no listed ticket has a service order');
  // The inbox draws only the rows on screen: go to the ticket by its address instead.
  await page.evaluate(
    (hash) => {
      (globalThis as unknown as BrowserGlobals).location.hash = hash;
    },
    `#/ticket/${encodeURIComponent(`t:${record.id}`)}`,
  );
  await expect(page.getByTestId('ticket-protocol')).toHaveText(record.protocol);
  const orders = page.getByTestId('timeline-order');
  await expect(orders).toHaveCount(record.serviceOrders.length);
  for (const order of record.serviceOrders) {
    // A regular expression, since text given as a string matches whatever its case.
    const label = new RegExp(`· ${labels[order.status] ?? order.status}$`);
    await expect(orders.filter({ hasText: label }).first()).toBeVisible();
  }
  await expect(orders.filter({ hasText: /[a-z]_[a-z]/ })).toHaveCount(0);
});

test('Ctrl+Enter sends the reply: pending at once, then on the server', async ({ page }) => {
  const protocol = await openFirstTicket(page);
  const text = `Resposta enviada pelo teste ${Date.now()}`;
  await page.getByTestId('reply-box').fill(text);
  await page.getByTestId('reply-box').press('Control+Enter');
  await expect(page.getByTestId('reply-box')).toHaveValue('');
  await expect(page.getByTestId('timeline-message').filter({ hasText: text })).toBeVisible();
  await expect
    .poll(() => serverMessages(workspace.sim, protocol), { timeout: 20_000 })
    .toContain(text);
  await expect(
    page.getByTestId('timeline-message').filter({ hasText: text }).locator('.badge'),
  ).toHaveCount(0, { timeout: 20_000 });
});

test('a reload in the middle of typing keeps the draft', async ({ page }) => {
  await openFirstTicket(page);
  const key = ticketKey(page.url());
  await page.getByTestId('reply-box').pressSequentially('Estou verificando a sua conex');
  await expect.poll(() => storedDraft(page, `reply:${key}`)).toBe('Estou verificando a sua conex');
  await page.reload();
  await expect(page.getByTestId('reply-box')).toHaveValue('Estou verificando a sua conex');
});

test('the agent changes status and type, then closes the ticket with a reason', async ({
  page,
}) => {
  const protocol = await closableProtocol(page, workspace.sim);
  await openTicket(page, protocol);
  const before = workspace.sim.state({ protocol })[0];

  const status = page.getByRole('combobox', { name: /^Status/ });
  const statusOption = status.locator('option:not([value=""])').first();
  await status.selectOption((await statusOption.getAttribute('value')) ?? '');
  const type = page.getByRole('combobox', { name: /^Tipo/ });
  const typeValue = await type
    .locator(`option:not([value=""]):not([value="${before?.typeId ?? 0}"])`)
    .first()
    .getAttribute('value');
  await type.selectOption(typeValue ?? '');
  await page.getByRole('button', { name: 'Aplicar' }).click();
  await expect(page.getByText('Alteração na fila de envio.')).toBeVisible();
  await expect
    .poll(() => workspace.sim.state({ protocol })[0]?.typeId, { timeout: 20_000 })
    .toBe(Number(typeValue));

  await page.locator('body').press('c');
  const dialog = page.getByRole('dialog', { name: 'Fechar atendimento' });
  await expect(dialog).toBeVisible();
  const reason = dialog.getByLabel('Motivo do fechamento');
  await reason.selectOption({ index: 1 });
  await dialog
    .getByLabel('Descrição do fechamento')
    .fill('Conexão normalizada após troca do cabo.');
  await dialog.getByRole('button', { name: 'Fechar atendimento' }).click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(() => workspace.sim.state({ protocol })[0]?.closingDescription, { timeout: 20_000 })
    .toBe('Conexão normalizada após troca do cabo.');
});

test('a ticket closed in HubSoft while the agent types keeps the typed reply, and says it was closed', async ({
  page,
}) => {
  const protocol = await closableProtocol(page, workspace.sim);
  await openTicket(page, protocol);
  const box = page.getByTestId('reply-box');
  await box.fill('Já verifiquei o seu sinal, pode reiniciar o roteador');
  const [record] = workspace.sim.state({ protocol });
  await closeOnServer(workspace.sim, record?.id ?? 0);

  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(page.getByText('Este atendimento foi fechado no HubSoft.')).toBeVisible({
    timeout: 20_000,
  });
  await expect(box).toHaveValue('Já verifiquei o seu sinal, pode reiniciar o roteador');

  // Emptied, the box goes: a closed ticket takes no new reply.
  await box.fill('');
  await expect(box).toHaveCount(0);
});
