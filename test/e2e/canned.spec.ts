import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openFirstTicket, signIn, startWorkspace, type Workspace } from '../support/workspace';

let workspace: Workspace;

test.beforeAll(async () => {
  workspace = await startWorkspace();
});
test.afterAll(async () => {
  await workspace.close();
});

test('a canned reply typed after / fills in the customer and protocol, and the set exports and imports as JSON', async ({
  page,
}) => {
  await page.goto(workspace.host.url);
  await signIn(page, workspace.sim);

  await page.getByRole('link', { name: 'Configurações' }).click();
  await page.getByLabel('Nome', { exact: true }).fill('saudacao');
  await page
    .getByLabel('Texto', { exact: true })
    .fill('Olá {{cliente}}, sobre o protocolo {{protocolo}}: ');
  await page.getByRole('button', { name: 'Adicionar resposta' }).click();
  await expect(page.getByRole('button', { name: 'Remover saudacao' })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportar JSON' }).click();
  const exported = JSON.parse(
    await readFile((await (await download).path()) ?? '', 'utf8'),
  ) as unknown;
  expect(exported).toEqual([
    { name: 'saudacao', body: 'Olá {{cliente}}, sobre o protocolo {{protocolo}}: ' },
  ]);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importar JSON' }).click();
  await (
    await chooser
  ).setFiles({
    name: 'respostas.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify([{ name: 'encerramento', body: 'Plano {{plano}} verificado.' }]),
    ),
  });
  await expect(page.getByRole('status').filter({ hasText: '1 resposta importada.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remover encerramento' })).toBeVisible();

  await page.getByRole('link', { name: 'Caixa de entrada' }).click();
  const protocol = await openFirstTicket(page);
  const customer = (await page.getByTestId('customer-name').textContent())?.trim() ?? '';
  const box = page.getByTestId('reply-box');
  await box.click();
  await page.keyboard.type('Bom dia! /sau');
  await expect(page.getByRole('listbox', { name: 'Respostas prontas' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(box).toHaveValue(`Bom dia! Olá ${customer}, sobre o protocolo ${protocol}: `);
});
