import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNT } from '../../main/sim/demo-account';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  openFirstTicket,
  signIn,
  startWorkspace,
  storedDraft,
  type Workspace,
} from '../support/workspace';

test.describe('signing in to a HubSoft server', () => {
  let workspace: Workspace;

  test.beforeAll(async () => {
    workspace = await startWorkspace();
  });
  test.afterAll(async () => {
    await workspace.close();
  });

  test('testing the connection with a wrong client secret tells the agent what is wrong, in Portuguese', async ({
    page,
  }) => {
    await page.goto(workspace.host.url);
    await page.getByLabel('Endereço do servidor').fill(workspace.sim.url);
    await page.getByLabel('ID do cliente').fill(DEMO_ACCOUNT.clientId);
    await page.getByLabel('Segredo do cliente').fill('not-the-secret');
    await page.getByLabel('Usuário (e-mail)').fill(DEMO_ACCOUNT.username);
    await page.getByLabel('Senha', { exact: true }).fill(DEMO_ACCOUNT.password);
    await page.getByRole('button', { name: 'Testar conexão' }).click();
    const check = page.getByTestId('connection-check');
    await expect(check).toBeVisible();
    await expect(check).not.toHaveText('Conexão funcionando: o servidor aceitou os dados.');
    await expect(check).toHaveText(/client|cliente|credenciais|secret/i);
  });

  test('a re-sign-in asked by the server keeps the open ticket and its draft underneath', async ({
    page,
  }) => {
    await page.goto(workspace.host.url);
    await signIn(page, workspace.sim, false);
    await expect(page.getByLabel('Perfil')).toBeVisible();
    // Where secrets cannot be kept on disk, the agent is told so.
    const persistent = await page.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          hubdesk: {
            session: { status(): Promise<{ secretStorage: { persistent: boolean } }> };
          };
        }
      ).hubdesk;
      return (await api.session.status()).secretStorage.persistent;
    });
    await expect(page.getByTestId('secret-banner')).toHaveCount(persistent ? 0 : 1);
    await openFirstTicket(page);
    const ticketUrl = page.url();
    await page.getByTestId('reply-box').fill('Texto que não pode se perder');
    const key = decodeURIComponent(new URL(ticketUrl).hash.replace('#/ticket/', ''));
    await expect.poll(() => storedDraft(page, `reply:${key}`)).toBe('Texto que não pode se perder');

    workspace.sim.setFaults({ revokeTokens: true });
    const dialog = page.getByRole('dialog', { name: 'Entre novamente' });
    // Any request now meets the revoked token. The background opening-text filler may get there
    // before the agent does, and then the dialog is already up and covers the button.
    if (!(await dialog.isVisible())) {
      await page
        .getByRole('button', { name: 'Sincronizar agora' })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
    }
    await expect(dialog).toBeVisible({ timeout: 20_000 });
    expect(page.url()).toBe(ticketUrl);
    // Only the password: the client secret is still in the keychain.
    await expect(dialog.getByLabel('Segredo do cliente')).toHaveCount(0);
    await dialog.getByLabel('Senha', { exact: true }).fill(DEMO_ACCOUNT.password);
    await dialog.getByRole('button', { name: 'Entrar' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('reply-box')).toHaveValue('Texto que não pode se perder');
  });
});

test.describe('demo mode', () => {
  let host: HostProcess;
  let dataDir: string;

  test.beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'hubdesk-e2e-demo-'));
    host = await startHostProcess(['--port', '0', '--data-dir', dataDir]);
  });
  test.afterAll(async () => {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('"try with demo data" opens a workspace full of seeded tickets, and Settings shows the app info', async ({
    page,
  }) => {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Experimentar com dados de demonstração' }).click();
    await expect(page.getByTestId('ticket-row').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel('Perfil')).toHaveValue(/.+/);
    await expect(page.getByRole('option', { name: 'Demonstração' })).toHaveCount(1);

    await page.getByRole('link', { name: 'Configurações' }).click();
    await expect(page.getByRole('heading', { name: 'Sobre este HubDesk' })).toBeVisible();
    await expect(page.getByTestId('app-data-dir')).toHaveText(dataDir);
  });
});
