// `node scripts/screenshots.mjs`: builds the app, runs it in the browser host against a HubSoft
// simulator of its own (so it can also show the app offline) and writes
// docs/screenshots/<screen>-<light|dark>.png of the main screens at 1366x768, in Portuguese.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'docs/screenshots');
const viewport = { width: 1366, height: 768 };
/** The account every simulator accepts (main/sim/demo-account.ts). */
const account = {
  clientId: 'hubdesk-demo',
  clientSecret: 'demo-secret',
  username: 'agente@demo.local',
  password: 'demo',
};

function build() {
  const result = spawnSync(
    process.execPath,
    ['node_modules/electron-vite/bin/electron-vite.js', 'build'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Starts a tsx entry point and resolves with the address it prints once ready. */
function startServer(args, pattern) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) resolve({ url: match[1], child });
    });
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
}

function chromiumPath() {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
}

/** The simulator's links stop answering (or answer again), as when the connection drops. */
async function setOffline(sim, offline) {
  await fetch(`${sim.url}/__sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(offline ? { resetRate: 1 } : {}),
  });
}

/** A call to the simulator's HubSoft API, as another HubSoft user or integration makes it. */
async function hubsoft(sim, method, route, body) {
  const tokenAnswer = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      client_id: account.clientId,
      client_secret: account.clientSecret,
      username: account.username,
      password: account.password,
    }),
  });
  const { access_token: token } = await tokenAnswer.json();
  const response = await fetch(`${sim.url}/api/v1/integracao${route}`, {
    method,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

/** The server's copy of the ticket open on screen (its id and service). */
async function openTicketOnServer(page, sim) {
  const protocol = ((await page.getByTestId('ticket-protocol').textContent()) ?? '').trim();
  const answer = await hubsoft(
    sim,
    'GET',
    `/cliente/atendimento?busca=protocolo&termo_busca=${protocol}&apenas_pendente=nao`,
  );
  const [ticket] = answer.atendimentos ?? [];
  return {
    id: Number(ticket.id_atendimento),
    serviceId: Number(ticket.servico?.id_cliente_servico),
  };
}

/** Each screen: how to reach it from a signed-in workspace. */
const screens = [
  {
    name: 'inbox',
    // The split view: the list with a ticket open beside it.
    open: async (page) => {
      await page.getByRole('link', { name: 'Caixa de entrada' }).click();
      await page.getByTestId('ticket-row').nth(2).click();
      await page.getByTestId('ticket-protocol').waitFor();
    },
  },
  {
    name: 'sla-views',
    open: async (page) => {
      await page.getByTestId('view-due_soon').click();
      await page.getByTestId('ticket-row').first().click();
      await page.getByTestId('ticket-protocol').waitFor();
    },
  },
  {
    name: 'breached',
    open: async (page) => {
      await page.getByTestId('view-breached').click();
      await page.getByTestId('ticket-row').first().waitFor();
    },
  },
  {
    name: 'offline',
    open: async (page, sim) => {
      await page.getByRole('link', { name: 'Caixa de entrada' }).click();
      await page.getByTestId('ticket-row').first().click();
      await setOffline(sim, true);
      await page.getByRole('button', { name: 'Sincronizar agora' }).click();
      await page.getByText('Sem conexão: suas ações ficam na fila').waitFor({ timeout: 30_000 });
      await page.getByTestId('reply-box').fill('Vou verificar e retorno em seguida.');
      await page.getByTestId('reply-box').press('Control+Enter');
      await page.getByText('Sem conexão: suas ações ficam na fila (1)').waitFor();
    },
    after: async (page, sim) => {
      await setOffline(sim, false);
      await page.getByRole('button', { name: 'Sincronizar agora' }).click();
      await page
        .getByTestId('offline-banner')
        .getByText('Sem conexão')
        .waitFor({ state: 'hidden', timeout: 30_000 });
    },
  },
  {
    name: 'ticket',
    open: async (page) => {
      // One pane: the ticket on its own, below the split view's width.
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.getByRole('link', { name: 'Caixa de entrada' }).click();
      await page.getByTestId('ticket-row').first().click();
      await page
        .getByTestId('reply-box')
        .fill('Olá! Estou verificando o sinal da sua conexão agora.');
    },
  },
  {
    name: 'ticket-split',
    // The split view with a conversation: a colleague's note in HubSoft and the agent's reply.
    open: async (page, sim) => {
      await page.getByRole('link', { name: 'Caixa de entrada' }).click();
      await page.getByTestId('ticket-row').nth(3).click();
      await page.getByTestId('ticket-protocol').waitFor();
      const ticket = await openTicketOnServer(page, sim);
      await hubsoft(sim, 'POST', `/atendimento/adicionar_mensagem/${ticket.id}`, {
        mensagem: 'Cliente ligou de novo: a internet cai toda noite por volta das 21 h.',
      });
      await page.getByRole('button', { name: 'Sincronizar agora' }).click();
      await page.getByText('a internet cai toda noite').waitFor({ timeout: 30_000 });
      await page
        .getByTestId('reply-box')
        .fill('Boa noite! Vamos agendar uma visita técnica para verificar o sinal.');
      await page.getByTestId('reply-box').press('Control+Enter');
      await page.getByTestId('timeline-message').filter({ hasText: 'Vamos agendar' }).waitFor();
    },
  },
  {
    name: 'failed-action',
    // Someone closed the ticket in HubSoft while the agent typed: the refused reply, in place.
    open: async (page, sim) => {
      await page.getByRole('link', { name: 'Caixa de entrada' }).click();
      await page.getByTestId('ticket-row').nth(4).click();
      await page.getByTestId('ticket-protocol').waitFor();
      const ticket = await openTicketOnServer(page, sim);
      await page
        .getByTestId('reply-box')
        .fill('Olá! O técnico confirmou a troca do conector, pode testar a conexão?');
      await hubsoft(sim, 'PUT', `/atendimento/${ticket.id}`, { fechar_atendimento: true });
      await page.getByTestId('reply-box').press('Control+Enter');
      await page.getByTestId('timeline-action-reason').waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'customer-panel',
    // The customer's other tickets beside the open one, open ones first.
    open: async (page, sim) => {
      await page.getByRole('link', { name: 'Caixa de entrada' }).click();
      await page.getByTestId('ticket-row').nth(5).click();
      await page.getByTestId('ticket-protocol').waitFor();
      const ticket = await openTicketOnServer(page, sim);
      for (const descricao of ['Lentidão à noite', 'Troca de plano para 500 Mega']) {
        await hubsoft(sim, 'POST', '/atendimento', {
          id_cliente_servico: ticket.serviceId,
          descricao,
          nome: 'Contato do cliente',
          telefone: '37991234567',
        });
      }
      await page.getByRole('button', { name: 'Sincronizar agora' }).click();
      await page.getByTestId('customer-ticket').nth(1).waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'new-ticket',
    open: async (page) => page.getByRole('link', { name: 'Novo atendimento' }).click(),
  },
  {
    name: 'outbox',
    open: async (page) => {
      // A reply goes out first, so the outbox has something to show.
      await page.getByRole('link', { name: 'Caixa de entrada' }).click();
      await page.getByTestId('ticket-row').nth(1).click();
      await page
        .getByTestId('reply-box')
        .fill('Bom dia! Já verificamos a sua conexão e está tudo normal.');
      await page.getByTestId('reply-box').press('Control+Enter');
      await page.getByRole('link', { name: 'Fila de envio' }).click();
      await page.getByLabel('Mostrar enviadas e descartadas').check();
      await page.getByTestId('outbox-item').first().waitFor();
    },
  },
  {
    name: 'settings',
    open: async (page) => page.getByRole('link', { name: 'Configurações' }).click(),
  },
  {
    name: 'shortcuts',
    open: async (page) => {
      await page.getByRole('link', { name: 'Caixa de entrada' }).click();
      await page.locator('body').press('?');
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'search',
    open: async (page) => {
      await page.getByRole('link', { name: 'Caixa de entrada' }).click();
      await page.getByRole('searchbox', { name: 'Buscar atendimentos' }).fill('sinal');
      await page.getByTestId('search-hit').first().waitFor();
    },
  },
];

const schemes = ['light', 'dark'];

/** Both color schemes of what the page shows now. */
async function capture(page, name) {
  for (const colorScheme of schemes) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: path.join(outDir, `${name}-${colorScheme}.png`) });
  }
}

async function shoot(browser, url, sim) {
  const context = await browser.newContext({ viewport, locale: 'pt-BR' });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('Endereço do servidor').waitFor();
  await capture(page, 'signin');
  await page.getByLabel('Endereço do servidor').fill(sim.url);
  await page.getByLabel('ID do cliente').fill(account.clientId);
  await page.getByLabel('Segredo do cliente').fill(account.clientSecret);
  await page.getByLabel('Usuário (e-mail)').fill(account.username);
  await page.getByLabel('Senha', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.getByTestId('ticket-row').first().waitFor({ timeout: 60_000 });
  // The first sync has ended, so the rows clicked below stay where they are (the highlighted row
  // is then the open ticket, as an agent sees it).
  await page.getByTestId('last-sync').filter({ hasNotText: 'nunca' }).waitFor({ timeout: 120_000 });
  for (const screen of screens) {
    await page.setViewportSize(viewport);
    await screen.open(page, sim);
    // Let the list and the background refresh settle so the picture is stable.
    await page.waitForTimeout(600);
    await capture(page, screen.name);
    await screen.after?.(page, sim);
    await page.keyboard.press('Escape');
  }
  await context.close();
}

build();
mkdirSync(outDir, { recursive: true });
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hubdesk-screens-'));
const sim = await startServer(
  ['main/sim/cli.ts', '--port', '0', '--seed', '7', '--tickets', '3000', '--latency', '0'],
  /HubSoft simulator listening on (http:\/\/127\.0\.0\.1:\d+)/,
);
const host = await startServer(
  ['main/host/cli.ts', '--port', '0', '--data-dir', dataDir],
  /HubDesk browser host: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/,
);
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  await shoot(browser, host.url, sim);
} finally {
  await browser.close();
  host.child.kill('SIGTERM');
  sim.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`Screenshots written to ${path.relative(root, outDir)}/`);
