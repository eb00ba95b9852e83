import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNT } from '../../main/sim/demo-account';
import type { RunningSimulator } from '../../main/sim/server';
import {
  closableProtocol,
  openTicket,
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

/** The CPF/CNPJ of a company the simulator registered with an alphanumeric CNPJ. */
async function alphanumericCnpj(
  sim: RunningSimulator,
): Promise<{ document: string; name: string }> {
  const grant = await fetch(`${sim.url}/oauth/token`, {
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
  const { access_token: token } = (await grant.json()) as { access_token: string };
  const response = await fetch(
    `${sim.url}/api/v1/integracao/cliente?busca=nome_razaosocial&termo_busca=LTDA&limit=100`,
    { headers: { accept: 'application/json', authorization: `Bearer ${token}` } },
  );
  const { clientes } = (await response.json()) as {
    clientes: { cpf_cnpj: string; nome_razaosocial: string }[];
  };
  const company = clientes.find((customer) => /[A-Z]/.test(customer.cpf_cnpj));
  if (!company) throw new Error('the simulator has no company with an alphanumeric CNPJ');
  return { document: company.cpf_cnpj, name: company.nome_razaosocial.trim() };
}

test('a close reaches HubSoft with the reason chosen and "Sem conclusão"', async ({ page }) => {
  const protocol = await closableProtocol(page, workspace.sim);
  await openTicket(page, protocol);
  await page.locator('body').press('c');
  const dialog = page.getByRole('dialog', { name: 'Fechar atendimento' });
  const reason = dialog.getByLabel('Motivo do fechamento');
  const reasonId = await reason.locator('option:not([value=""])').last().getAttribute('value');
  await reason.selectOption(reasonId ?? '');
  await expect(dialog.getByLabel('Concluído')).toBeChecked();
  await dialog.getByLabel('Sem conclusão').check();
  await dialog.getByLabel('Descrição do fechamento').fill('Cliente desistiu da visita.');
  await dialog.getByRole('button', { name: 'Fechar atendimento' }).click();
  await expect(dialog).toBeHidden();
  // The simulator ignores the service-order key, like production: the reason proves the key.
  await expect
    .poll(() => workspace.sim.state({ protocol })[0]?.closingReasonId, { timeout: 20_000 })
    .toBe(Number(reasonId));
  expect(workspace.sim.state({ protocol })[0]?.closingStatus).toBe('sem_conclusao');
});

test('a close HubSoft keeps with another reason is sent with a warning on the ticket and in the outbox', async ({
  page,
}) => {
  const protocol = await closableProtocol(page, workspace.sim);
  await openTicket(page, protocol);
  workspace.sim.setFaults({ ignoreClosingReason: true });
  try {
    await page.locator('body').press('c');
    const dialog = page.getByRole('dialog', { name: 'Fechar atendimento' });
    const reason = dialog.getByLabel('Motivo do fechamento');
    const last = reason.locator('option:not([value=""])').last();
    const reasonLabel = ((await last.textContent()) ?? '').trim();
    await reason.selectOption((await last.getAttribute('value')) ?? '');
    await dialog.getByRole('button', { name: 'Fechar atendimento' }).click();
    const warning = page.getByTestId('closing-reason-warning');
    await expect(warning).toContainText(`enviado "${reasonLabel}"`, { timeout: 20_000 });
    await expect(warning).toContainText('registrado "Fechado Automático Atendimento"');
    await page.getByRole('link', { name: 'Fila de envio' }).click();
    await expect(page.getByTestId('closing-reason-warning')).toContainText(reasonLabel);
  } finally {
    workspace.sim.setFaults({});
  }
});

test('the availability picker of a new ticket offers the periods of the day', async ({ page }) => {
  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  const picker = page.getByLabel('Disponibilidade do cliente');
  await expect(picker.locator('option:not([value=""])')).toHaveText(['Manhã', 'Tarde', 'Noite']);
  await picker.selectOption({ label: 'Tarde' });
  await expect(picker).toHaveValue(/\d+/);
});

test('an alphanumeric CNPJ typed with punctuation finds its customer, letters shown', async ({
  page,
}) => {
  const company = await alphanumericCnpj(workspace.sim);
  const punctuated = company.document.replace(
    /^(.{2})(.{3})(.{3})(.{4})(\d{2})$/,
    '$1.$2.$3/$4-$5',
  );
  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  await page.getByLabel('Buscar por').selectOption('document');
  await page.getByLabel('Termo da busca').fill(punctuated.toLowerCase());
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  const result = page.getByTestId('customer-result');
  await expect(result).toHaveCount(1);
  await expect(result).toContainText(company.name);
  await expect(result).toContainText(punctuated);
  await result.click();
  await expect(page.getByRole('heading', { name: company.name })).toBeVisible();
  await expect(page.getByText(punctuated)).toBeVisible();
});

test('a phone that cannot be Brazilian is explained in the form, and a punctuated one is taken', async ({
  page,
}) => {
  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  const phone = page.getByLabel('Telefone do contato');
  await phone.fill('(20) 99123-4567');
  await phone.blur();
  await expect(page.getByText('O DDD 20 não existe. Confira o telefone.')).toBeVisible();
  await phone.fill('+55 (37) 99123-4567');
  await phone.blur();
  await expect(page.getByText('O DDD 20 não existe. Confira o telefone.')).toBeHidden();
});
