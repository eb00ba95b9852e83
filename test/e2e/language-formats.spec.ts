/**
 * pt-BR throughout, English when chosen: sign-in labels, errors from main in the UI's language,
 * sizes, dates and the name of a pasted screenshot (local time).
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNT } from '../../main/sim/demo-account';
import type { BrowserGlobals } from '../support/browser-globals';
import {
  openFirstTicket,
  openWorkspace,
  startWorkspace,
  type Workspace,
} from '../support/workspace';

test.use({ timezoneId: 'Asia/Tokyo' });

async function fillSignIn(page: Page, workspace: Workspace, labels: Record<string, string>) {
  await page.getByLabel(labels.address ?? '').fill(workspace.sim.url);
  await page.getByLabel(labels.clientId ?? '').fill(DEMO_ACCOUNT.clientId);
  await page.getByLabel(labels.clientSecret ?? '').fill(DEMO_ACCOUNT.clientSecret);
  await page.getByLabel(labels.username ?? '').fill(DEMO_ACCOUNT.username);
  await page.getByLabel(labels.password ?? '', { exact: true }).fill('not-the-password');
}

test.describe('signing in', () => {
  let workspace: Workspace;
  test.beforeAll(async () => {
    workspace = await startWorkspace();
  });
  test.afterAll(async () => {
    await workspace.close();
  });
  test.afterEach(async ({ page }) => {
    await page.evaluate(() => localStorage.removeItem('hubdesk.locale'));
  });

  test('the form and its errors read in Portuguese, then in English once chosen', async ({
    page,
  }) => {
    await page.goto(workspace.host.url);
    await expect(page.getByText('ID do cliente (client_id)', { exact: true })).toBeVisible();
    await expect(
      page.getByText('Segredo do cliente (client_secret)', { exact: true }),
    ).toBeVisible();
    await expect(page.getByText('Client ID', { exact: true })).toHaveCount(0);
    await fillSignIn(page, workspace, {
      address: 'Endereço do servidor',
      clientId: 'ID do cliente',
      clientSecret: 'Segredo do cliente',
      username: 'Usuário (e-mail)',
      password: 'Senha',
    });
    await page.getByRole('button', { name: 'Entrar', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('senha');

    await page.getByLabel('Idioma').selectOption('en');
    await expect(page.getByText('Client ID', { exact: true })).toBeVisible();
    await fillSignIn(page, workspace, {
      address: 'Server address',
      clientId: 'Client ID',
      clientSecret: 'Client secret',
      username: 'Username (e-mail)',
      password: 'Password',
    });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(alert).toHaveText('HubSoft refused the username or the password.');

    await page.getByLabel('Client secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('connection-check')).toHaveText(
      'HubSoft refused the client ID or the client secret.',
    );
  });
});

test.describe('in the workspace', () => {
  let workspace: Workspace;
  test.beforeAll(async () => {
    workspace = await startWorkspace();
  });
  test.afterAll(async () => {
    await workspace.close();
  });
  test.beforeEach(async ({ page }) => {
    await openWorkspace(page, workspace);
  });
  test.afterEach(async ({ page }) => {
    await page.evaluate(() => localStorage.removeItem('hubdesk.locale'));
  });

  async function attachTooLarge(page: Page, button: string): Promise<void> {
    await openFirstTicket(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: button }).click();
    await (
      await chooser
    ).setFiles([
      { name: 'video.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(21 * 1024 * 1024, 1) },
    ]);
  }

  test('sizes and dates read the Portuguese way', async ({ page }) => {
    await expect(page.getByTestId('last-sync')).toHaveText(
      /^Última sincronização: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
    );
    await attachTooLarge(page, 'Anexar arquivos');
    await expect(page.getByRole('alert')).toContainText(
      'video.mp4 tem 21,0 MB; o limite é 20,0 MB.',
    );
  });

  test('sizes and dates read the English way in English', async ({ page }) => {
    await page.evaluate(() => localStorage.setItem('hubdesk.locale', 'en'));
    await page.reload();
    await expect(page.getByTestId('last-sync')).toHaveText(
      /^Last sync: [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} (AM|PM)$/,
    );
    await attachTooLarge(page, 'Attach files');
    await expect(page.getByRole('alert')).toContainText(
      'video.mp4 is 21.0 MB; the limit is 20.0 MB.',
    );
  });

  test("a pasted screenshot is named by the agent's local time, not UTC", async ({ page }) => {
    await openFirstTicket(page);
    // Tokyo is 9 h ahead of UTC: the hour in the name tells the two apart.
    const tokyoHour = () =>
      new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        hourCycle: 'h23',
        timeZone: 'Asia/Tokyo',
      }).format(new Date());
    const before = tokyoHour();
    await page.getByTestId('reply-box').evaluate((box) => {
      const { ClipboardEvent, DataTransfer, File, atob } = globalThis as unknown as BrowserGlobals;
      const data = new DataTransfer();
      const png = Uint8Array.from(
        atob(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        ),
        (c) => c.charCodeAt(0),
      );
      data.items.add(new File([png], 'image.png', { type: 'image/png' }));
      box.dispatchEvent(
        new ClipboardEvent('paste', {
          clipboardData: data,
          bubbles: true,
          cancelable: true,
        }) as Event,
      );
    });
    const staged = page.getByRole('button', { name: /^Remover captura-/ });
    await expect(staged).toBeVisible();
    const name = (
      (await staged.getAttribute('aria-label')) ??
      (await staged.textContent()) ??
      ''
    ).replace(/^Remover /, '');
    const hour = /^captura-\d{4}-\d{2}-\d{2}-(\d{2})-\d{2}-\d{2}\.png$/.exec(name)?.[1];
    expect([before, tokyoHour()]).toContain(hour);
  });
});
