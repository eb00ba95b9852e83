import { expect, test } from '@playwright/test';
import type { BrowserGlobals } from '../support/browser-globals';
import {
  openFirstTicket,
  openWorkspace,
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
  await openWorkspace(page, workspace);
});

const staged = (name: string) => `Remover ${name}`;

test('files chosen, dropped or pasted are staged, checked, and uploaded to the ticket', async ({
  page,
}) => {
  const protocol = await openFirstTicket(page);
  const before = workspace.sim.state({ protocol })[0]?.attachments.length ?? 0;

  // The browser host has no native picker: "Attach files" falls back to a file input.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Anexar arquivos' }).click();
  await (
    await chooser
  ).setFiles({
    name: 'fatura.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4 fatura de teste'),
  });
  await expect(page.getByRole('button', { name: staged('fatura.pdf') })).toBeVisible();

  // Drag and drop onto the reply area.
  await page.getByTestId('reply-box').evaluate((box) => {
    const { DataTransfer, DragEvent, File } = globalThis as unknown as BrowserGlobals;
    const data = new DataTransfer();
    data.items.add(new File(['linha 1\nlinha 2'], 'log-roteador.txt', { type: 'text/plain' }));
    box.dispatchEvent(
      new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }) as Event,
    );
  });
  await expect(page.getByRole('button', { name: staged('log-roteador.txt') })).toBeVisible();

  // A pasted screenshot gets a name the agent recognises.
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
  await expect(page.getByRole('button', { name: /^Remover captura-.*\.png$/ })).toBeVisible();

  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByRole('button', { name: staged('fatura.pdf') })).toBeHidden();
  await expect
    .poll(() => workspace.sim.state({ protocol })[0]?.attachments.map((file) => file.name) ?? [], {
      timeout: 30_000,
    })
    .toEqual(expect.arrayContaining(['fatura.pdf', 'log-roteador.txt']));
  expect(workspace.sim.state({ protocol })[0]?.attachments.length).toBe(before + 3);
  // HubSoft cannot list attachments: the timeline shows what this app uploaded.
  const uploads = page.getByTestId('timeline-upload');
  await expect(uploads).toHaveCount(3);
  await expect(uploads.filter({ hasText: 'fatura.pdf' })).toBeVisible();
});

test('an empty file and one over 20 MB are refused with a clear message before anything is queued', async ({
  page,
}) => {
  await openFirstTicket(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Anexar arquivos' }).click();
  await (
    await chooser
  ).setFiles([
    { name: 'vazio.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'video.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(21 * 1024 * 1024, 1) },
  ]);
  await expect(page.getByRole('alert').filter({ hasText: 'vazio.txt está vazio' })).toBeVisible();
  await expect(
    page.getByRole('alert').filter({ hasText: /video\.mp4 tem 21,0 MB; o limite é 20,0 MB/ }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /^Remover / })).toHaveCount(0);
});

test('a reply with a file is sent as one: the text once, the file once, the box emptied', async ({
  page,
}) => {
  const protocol = await openFirstTicket(page);
  const before = workspace.sim.state({ protocol })[0]?.attachments.length ?? 0;
  const text = 'Segue a segunda via da fatura em anexo.';
  await page.getByTestId('reply-box').fill(text);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Anexar arquivos' }).click();
  await (
    await chooser
  ).setFiles({
    name: 'segunda-via.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4 segunda via'),
  });
  await expect(page.getByRole('button', { name: staged('segunda-via.pdf') })).toBeVisible();

  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByTestId('reply-box')).toHaveValue('');
  await expect
    .poll(() => workspace.sim.state({ protocol })[0]?.attachments.length ?? 0, { timeout: 30_000 })
    .toBe(before + 1);
  const messages = workspace.sim.state({ protocol })[0]?.messages ?? [];
  expect(messages.filter((message) => message.text === text)).toHaveLength(1);
});
