/**
 * An end-to-end workspace: a HubSoft simulator in this process, the browser host as a child
 * process with its own data folder, and helpers that drive the UI the way an agent does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { DEMO_ACCOUNT } from '../../main/sim/demo-account';
import { startSimulator, type RunningSimulator } from '../../main/sim/server';
import { startHostProcess, type HostProcess } from './host-process';

export interface Workspace {
  /** Replaced by a test that restarts the host on the same data folder. */
  host: HostProcess;
  sim: RunningSimulator;
  dataDir: string;
  close(): Promise<void>;
}

export async function startWorkspace(options: { tickets?: number } = {}): Promise<Workspace> {
  const sim = await startSimulator({
    port: 0,
    seed: 7,
    tickets: options.tickets ?? 400,
    latencyMs: 0,
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hubdesk-e2e-'));
  const host = await startHostProcess(['--port', '0', '--data-dir', dataDir]);
  const workspace: Workspace = {
    host,
    sim,
    dataDir,
    async close() {
      // The host may have been restarted on the same data folder: stop the current one.
      await workspace.host.stop();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return workspace;
}

/** Signs in through the form against the simulator, and waits for the first tickets. */
export async function signIn(page: Page, sim: RunningSimulator, remember = true): Promise<void> {
  await page.getByLabel('Endereço do servidor').fill(sim.url);
  await page.getByLabel('ID do cliente').fill(DEMO_ACCOUNT.clientId);
  await page.getByLabel('Segredo do cliente').fill(DEMO_ACCOUNT.clientSecret);
  await page.getByLabel('Usuário (e-mail)').fill(DEMO_ACCOUNT.username);
  await page.getByLabel('Senha', { exact: true }).fill(DEMO_ACCOUNT.password);
  if (remember) await page.getByLabel('Lembrar minha senha neste computador').check();
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await waitForInbox(page);
}

/** The first sync has ended: the list the agent clicks in has come to rest. */
export async function waitForFirstSync(page: Page): Promise<void> {
  await expect(page.getByTestId('last-sync')).not.toContainText('nunca', { timeout: 60_000 });
}

export async function waitForInbox(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Caixa de entrada' })).toBeVisible();
  await expect(page.getByTestId('ticket-row').first()).toBeVisible({ timeout: 30_000 });
}

/** The server stops answering: every connection is reset, as when the link is down. */
export function goOffline(sim: RunningSimulator): void {
  sim.setFaults({ resetRate: 1 });
}

export function goOnline(sim: RunningSimulator): void {
  sim.setFaults({});
}

/** Opens the first ticket of the inbox whose row matches, and returns its protocol. */
export async function openFirstTicket(page: Page): Promise<string> {
  await page.getByTestId('ticket-row').first().click();
  const protocol = page.getByTestId('ticket-protocol');
  await expect(protocol).toHaveText(/^\d{15,20}$/);
  return (await protocol.textContent()) ?? '';
}

/** What main keeps as a draft, read through the contract as the page sees it. */
export function storedDraft(page: Page, key: string): Promise<unknown> {
  return page.evaluate(async (draftKey) => {
    const api = (
      globalThis as unknown as {
        hubdesk: { drafts: { get(key: string): Promise<{ value: unknown } | null> } };
      }
    ).hubdesk;
    return (await api.drafts.get(draftKey))?.value ?? null;
  }, key);
}

/** Messages the simulator holds for a ticket: what really reached "HubSoft". */
export function serverMessages(sim: RunningSimulator, protocol: string): string[] {
  const [record] = sim.state({ protocol });
  return record ? record.messages.map((message) => message.text) : [];
}

/** A call to the simulator's HubSoft API as another integration would make it. */
async function hubsoftCall(
  sim: RunningSimulator,
  method: 'GET' | 'POST' | 'PUT',
  route: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const tokenResponse = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      client_id: DEMO_ACCOUNT.clientId,
      client_secret: DEMO_ACCOUNT.clientSecret,
      username: DEMO_ACCOUNT.username,
      password: DEMO_ACCOUNT.password,
    }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(`${sim.url}${route}`, {
    method,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (answer.status !== 'success') throw new Error(`${method} ${route} failed: ${answer.msg}`);
  return answer;
}

/** Another HubSoft user closes a ticket behind the app's back. */
export async function closeOnServer(sim: RunningSimulator, ticketId: number): Promise<void> {
  await hubsoftCall(sim, 'PUT', `/api/v1/integracao/atendimento/${ticketId}`, {
    fechar_atendimento: true,
  });
}

/** Someone else adds a message to a ticket in HubSoft (its rows name no author, fact 35). */
export async function addMessageOnServer(
  sim: RunningSimulator,
  ticketId: number,
  text: string,
): Promise<void> {
  await hubsoftCall(sim, 'POST', `/api/v1/integracao/atendimento/adicionar_mensagem/${ticketId}`, {
    mensagem: text,
  });
}

/** The customer behind a service as HubSoft's `/cliente` answers it (fact 39). */
export async function customerOfService(
  sim: RunningSimulator,
  serviceId: number,
): Promise<{ name: string; email: string | null; phones: string[]; document: string }> {
  const answer = await hubsoftCall(
    sim,
    'GET',
    `/api/v1/integracao/cliente?busca=id_cliente_servico&termo_busca=${serviceId}`,
  );
  const [customer] = answer.clientes as Record<string, unknown>[];
  if (!customer) throw new Error(`no customer for service ${serviceId}`);
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  return {
    name: String(customer.nome_razaosocial),
    email: text(customer.email_principal),
    phones: [customer.telefone_primario, customer.telefone_secundario]
      .map(text)
      .filter((phone): phone is string => phone !== null),
    document: String(customer.cpf_cnpj),
  };
}

/**
 * The agent sends what the reply box holds while offline, and someone else closes the ticket in
 * HubSoft before the app is back: the reply reaches a ticket the app did not know was closed.
 */
export async function queueOfflineThenCloseOnServer(
  page: Page,
  sim: RunningSimulator,
  protocol: string,
): Promise<void> {
  goOffline(sim);
  await page.getByRole('button', { name: /^(Sincronizar agora|Sync now)$/ }).click();
  await expect(page.getByTestId('connectivity')).toHaveAttribute('data-online', 'false', {
    timeout: 20_000,
  });
  await page.getByTestId('reply-box').press('Control+Enter');
  // Queued: the box empties as the reply goes into the outbox.
  await expect(page.getByTestId('reply-box')).toHaveValue('');
  if (!sim.closeByOther(protocol)) throw new Error(`the server has no open ticket ${protocol}`);
  goOnline(sim);
}

/** Someone at the provider opens a ticket for a customer; HubSoft assigns it to the API user. */
export async function openTicketOnServer(
  sim: RunningSimulator,
  serviceId: number,
  description: string,
): Promise<void> {
  await hubsoftCall(sim, 'POST', '/api/v1/integracao/atendimento', {
    id_cliente_servico: serviceId,
    descricao: description,
    nome: 'Contato do teste',
    telefone: '11988887777',
  });
}

/** The protocol of the first listed open ticket the server can close (no order in execution). */
export async function closableProtocol(page: Page, sim: RunningSimulator): Promise<string> {
  // The list may still be reloading after a filter change: look again until it shows one.
  for (let attempt = 0; attempt < 50; attempt++) {
    const protocols = await page.locator('[data-testid="ticket-row"] .protocol').allTextContents();
    for (const protocol of protocols.map((text) => text.trim())) {
      const [record] = sim.state({ protocol });
      const running = record?.serviceOrders.some((order) => order.status === 'em_execucao');
      if (record && record.closedAt === null && !running) return protocol;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('no closable ticket among the listed ones');
}

/** Opens the listed ticket with this protocol. */
export async function openTicket(page: Page, protocol: string): Promise<void> {
  await page.getByTestId('ticket-row').filter({ hasText: protocol }).click();
  await expect(page.getByTestId('ticket-protocol')).toHaveText(protocol);
}

/** Opens the app and makes sure the agent is in the workspace, signing in on the first visit. */
export async function openWorkspace(page: Page, workspace: Workspace): Promise<void> {
  await page.goto(workspace.host.url);
  const form = page.getByLabel('Endereço do servidor');
  const nav = page.getByRole('navigation', { name: 'Navegação principal' });
  await expect(form.or(nav)).toBeVisible();
  if (await form.isVisible()) await signIn(page, workspace.sim);
  else await waitForInbox(page);
}
