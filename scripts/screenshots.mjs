// `node scripts/screenshots.mjs`: builds the app, runs it in the browser host in demo mode and
// writes docs/screenshots/<screen>-<light|dark>.png of the main screens, in Portuguese.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'docs/screenshots');
const viewport = { width: 1366, height: 800 };

function build() {
  const result = spawnSync(
    process.execPath,
    ['node_modules/electron-vite/bin/electron-vite.js', 'build'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Starts the browser host on a free port with its own data folder; resolves with its address. */
function startHost(dataDir) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/host/cli.ts', '--port', '0', '--data-dir', dataDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const match = /HubDesk browser host: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(
        output,
      );
      if (match) resolve({ url: match[1], child });
    });
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
}

function chromiumPath() {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
}

/** Each screen: how to reach it from a signed-in workspace. */
const screens = [
  {
    name: 'inbox',
    open: async (page) => page.getByRole('link', { name: 'Caixa de entrada' }).click(),
  },
  {
    name: 'ticket',
    open: async (page) => {
      await page.getByRole('link', { name: 'Caixa de entrada' }).click();
      await page.getByTestId('ticket-row').first().click();
      await page
        .getByTestId('reply-box')
        .fill('Olá! Estou verificando o sinal da sua conexão agora.');
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
      await page.getByRole('searchbox', { name: 'Buscar atendimentos' }).fill('internet');
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

async function shoot(browser, url) {
  const context = await browser.newContext({ viewport, locale: 'pt-BR' });
  const page = await context.newPage();
  await page.goto(url);
  const demo = page.getByRole('button', { name: 'Experimentar com dados de demonstração' });
  await demo.waitFor();
  await capture(page, 'signin');
  await demo.click();
  await page.getByTestId('ticket-row').first().waitFor({ timeout: 60_000 });
  for (const screen of screens) {
    await screen.open(page);
    // Let the list and the background refresh settle so the picture is stable.
    await page.waitForTimeout(600);
    await capture(page, screen.name);
    await page.keyboard.press('Escape');
  }
  await context.close();
}

build();
mkdirSync(outDir, { recursive: true });
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hubdesk-screens-'));
const host = await startHost(dataDir);
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  await shoot(browser, host.url);
} finally {
  await browser.close();
  host.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`Screenshots written to ${path.relative(root, outDir)}/`);
