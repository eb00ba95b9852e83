import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { RunningSimulator } from '../../main/sim/server';
import {
  closableProtocol,
  goOffline,
  goOnline,
  openTicket,
  openWorkspace,
  serverMessages,
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

test.beforeEach(async ({ page }) => {
  goOnline(workspace.sim);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openWorkspace(page, workspace);
});

/** Another agent answers the customer in HubSoft's own screens. */
async function writeAsOtherAgent(sim: RunningSimulator, protocol: string, text: string) {
  const answer = await fetch(`${sim.url}/__sim/message`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ protocol, text }),
  });
  expect(answer.status).toBe(200);
}

/** Serious and critical accessibility violations of the page as it is, in light and in dark. */
async function seriousViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const violation of violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') {
        found.push(`${colorScheme}: ${violation.id} at ${violation.nodes[0]?.target.join(' ')}`);
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/**
 * The agent answers a ticket while the server is unreachable; a colleague writes on it meanwhile;
 * the connection comes back. Answers the held reply in the outbox.
 */
async function replyHeldForNewMessages(page: Page, reply: string, colleague: string) {
  const protocol = await closableProtocol(page, workspace.sim);
  await openTicket(page, protocol);
  goOffline(workspace.sim);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(page.getByTestId('connectivity')).toHaveText(/Sem conexão/, { timeout: 20_000 });
  await page.getByTestId('reply-box').fill(reply);
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByTestId('timeline-message').filter({ hasText: reply })).toBeVisible();

  await writeAsOtherAgent(workspace.sim, protocol, colleague);
  goOnline(workspace.sim);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await page.getByRole('link', { name: 'Fila de envio' }).click();
  const item = page.getByTestId('outbox-item').filter({ hasText: reply });
  await expect(item).toHaveAttribute('data-state', 'needs_attention', { timeout: 30_000 });
  return { protocol, item };
}

test('a reply queued offline waits for the agent when a colleague wrote meanwhile, and goes once when sent anyway', async ({
  page,
}) => {
  const reply = `Pode reiniciar o roteador? ${Date.now()}`;
  const colleague = `Cliente ligou: voltou a funcionar ${Date.now()}`;
  const { protocol, item } = await replyHeldForNewMessages(page, reply, colleague);

  const notice = item.getByTestId('new-messages');
  await expect(notice).toContainText('1 mensagem nova desde que você escreveu');
  await expect(notice.getByRole('list', { name: 'Mensagens novas' })).toContainText(colleague);
  await expect(item.getByRole('button', { name: 'Editar' })).toBeVisible();
  await expect(item.getByRole('button', { name: 'Descartar' })).toBeVisible();
  expect(serverMessages(workspace.sim, protocol)).not.toContain(reply);
  await page.screenshot({ path: 'test-results/look-before-send-outbox.png' });
  expect(await seriousViolations(page)).toEqual([]);

  await item.getByRole('button', { name: 'Enviar mesmo assim' }).click();
  await expect
    .poll(() => serverMessages(workspace.sim, protocol), { timeout: 30_000 })
    .toContain(reply);
  await expect(item).toBeHidden({ timeout: 20_000 });
  expect(serverMessages(workspace.sim, protocol).filter((text) => text === reply)).toHaveLength(1);
});

test('a held reply edited after reading the new message goes out with the new text only', async ({
  page,
}) => {
  const reply = `Vou agendar uma visita técnica ${Date.now()}`;
  const colleague = `Cliente: não precisa mais de visita ${Date.now()}`;
  const { protocol, item } = await replyHeldForNewMessages(page, reply, colleague);

  const id = (await item.getAttribute('data-action-id')) ?? '';
  const action = page.locator(`[data-testid="outbox-item"][data-action-id="${id}"]`);
  await action.getByRole('button', { name: 'Editar' }).click();
  await expect(action.getByLabel('Texto')).toHaveValue(reply);
  const edited = `Certo, cancelei a visita ${Date.now()}`;
  await action.getByLabel('Texto').fill(edited);
  await action.getByRole('button', { name: 'Reenviar' }).click();

  await expect
    .poll(() => serverMessages(workspace.sim, protocol), { timeout: 30_000 })
    .toContain(edited);
  expect(serverMessages(workspace.sim, protocol)).not.toContain(reply);
  await expect(action).toBeHidden({ timeout: 20_000 });
});

test('the look before sending is turned off in Settings and stays off after a reload', async ({
  page,
}) => {
  await page.getByRole('link', { name: 'Configurações' }).click();
  const look = page.getByLabel('Conferir o atendimento antes de enviar o que esperou na fila');
  await expect(look).toBeChecked();
  await look.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/look-before-send-settings.png' });
  await look.uncheck();
  await page.reload();
  await page.getByRole('link', { name: 'Configurações' }).click();
  await expect(look).not.toBeChecked();
  await look.check();
  await expect(look).toBeChecked();
});
