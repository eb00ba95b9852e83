import { expect, test } from '@playwright/test';
import {
  customerOfService,
  openWorkspace,
  startWorkspace,
  waitForFirstSync,
  type Workspace,
} from '../support/workspace';

let workspace: Workspace;

test.use({ viewport: { width: 1366, height: 768 } });

test.beforeAll(async () => {
  workspace = await startWorkspace();
});
test.afterAll(async () => {
  await workspace.close();
});

test.beforeEach(async ({ page }) => {
  await openWorkspace(page, workspace);
  await waitForFirstSync(page);
  // Each test starts with an empty form: the form is a draft that outlives the test before.
  await page.evaluate(() =>
    (
      globalThis as unknown as { hubdesk: { drafts: { discard(key: string): Promise<null> } } }
    ).hubdesk.drafts.discard('new-ticket'),
  );
});

test('the customer search has focus on open and says what it detected in what is typed', async ({
  page,
}) => {
  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  const term = page.getByLabel('Termo da busca');
  await expect(term).toBeFocused();
  const detected = page.getByTestId('customer-search-detected');
  for (const [typed, says] of [
    ['529.982.247-25', 'Buscando por CPF'],
    ['52998224725', 'Buscando por CPF'],
    ['11.222.333/0001-81', 'Buscando por CNPJ'],
    ['12.ABC.345/01DE-35', 'Buscando por CNPJ'],
    ['(37) 99123-4567', 'Buscando por telefone'],
    ['37991234567', 'Buscando por telefone'],
    ['1605', 'Buscando por código do cliente'],
    ['Maria', 'Buscando por nome'],
  ] as const) {
    await term.fill(typed);
    await expect(detected, typed).toHaveText(says);
  }
  // Typing the keyboard's way works the same.
  await term.fill('');
  await page.keyboard.type('302.281');
  await expect(detected).toHaveText('Buscando por código do cliente');
  await page.keyboard.type('.451-80');
  await expect(detected).toHaveText('Buscando por CPF');
});

test('a customer with open tickets gets a warning listing them, each one click away', async ({
  page,
}) => {
  // An open ticket in the cache, and its customer's CPF/CNPJ as the agent reads it.
  await page.getByTestId('ticket-row').first().click();
  const protocol = ((await page.getByTestId('ticket-protocol').textContent()) ?? '').trim();
  const document = page.getByTestId('customer-document');
  await expect(document).toHaveText(/\d/);
  const typed = ((await document.textContent()) ?? '').trim();

  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  await page.getByLabel('Termo da busca').fill(typed);
  await expect(page.getByTestId('customer-search-detected')).toHaveText(/Buscando por (CPF|CNPJ)/);
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await page.getByTestId('customer-result').first().click();

  const warning = page.getByTestId('customer-open-tickets');
  await expect(warning).toContainText(/Este cliente já tem \d+ atendimentos? abertos?/);
  const link = warning.getByTestId('customer-open-ticket').filter({ hasText: protocol });
  await expect(link).toBeVisible();
  await link.getByRole('link').click();
  await expect(page.getByTestId('ticket-protocol')).toHaveText(protocol);
});

test('a customer without open tickets gets no warning', async ({ page }) => {
  // A customer whose tickets on the server are all closed (the seeded data is fixed).
  const byCustomer = new Map<number, { open: number; serviceId: number }>();
  for (const ticket of workspace.sim.state()) {
    const entry = byCustomer.get(ticket.customerIndex) ?? { open: 0, serviceId: ticket.serviceId };
    if (ticket.closedAt === null) entry.open += 1;
    byCustomer.set(ticket.customerIndex, entry);
  }
  const quiet = [...byCustomer.values()].find((entry) => entry.open === 0);
  if (!quiet) throw new Error('the seeded data has no customer with only closed tickets');
  const customer = await customerOfService(workspace.sim, quiet.serviceId);

  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  await page.getByLabel('Termo da busca').fill(customer.document);
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await page.getByTestId('customer-result').first().click();
  await expect(page.getByRole('heading', { name: customer.name.trim() })).toBeVisible();
  await expect(page.getByRole('radio').first()).toBeVisible();
  await expect(page.getByTestId('customer-open-tickets')).toHaveCount(0);
});

test("a ticket opened here shows its contact's name, phone and origin in the opening", async ({
  page,
}) => {
  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  await page.getByLabel('Termo da busca').fill('SILVA');
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await page.getByTestId('customer-result').first().click();
  await page.getByRole('radio').first().check();
  await page.getByLabel('Nome do contato').fill('Joana Prado');
  await page.getByLabel('Telefone do contato').fill('37991234567');
  const origin = page.getByLabel('Origem do contato');
  await origin.selectOption({ index: 1 });
  const originLabel = ((await origin.locator('option:checked').textContent()) ?? '').trim();
  const description = `Sem sinal desde ontem à noite ${Date.now()}`;
  await page.getByLabel('Descrição').fill(description);
  await page.getByRole('button', { name: 'Abrir atendimento' }).click();

  const contact = page.getByTestId('opening-contact');
  await expect(page.getByTestId('timeline-opening')).toContainText(description);
  await expect(contact).toContainText('Joana Prado');
  await expect(contact).toContainText('(37) 99123-4567');
  await expect(contact).toContainText(`Origem: ${originLabel}`);
  // Created on the server (HubSoft's detail names no contact, fact 37), it still says who.
  await expect(page.getByTestId('ticket-protocol')).toHaveText(/^\d{15,20}$/, { timeout: 20_000 });
  await page.reload();
  await expect(contact).toContainText('Joana Prado');
  await expect(contact).toContainText(`Origem: ${originLabel}`);
});

test('back on a form whose draft has its customer, the focus is on the heading and the draft kept', async ({
  page,
}) => {
  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  await page.getByLabel('Termo da busca').fill('SILVA');
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await page.getByTestId('customer-result').first().click();
  await page.getByLabel('Descrição').fill('Rascunho do novo atendimento');
  await page.getByRole('link', { name: 'Caixa de entrada' }).click();
  await page.getByRole('link', { name: 'Novo atendimento' }).click();
  await expect(page.getByRole('button', { name: 'Trocar cliente' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Novo atendimento', level: 1 })).toBeFocused();
  await expect(page.getByLabel('Descrição')).toHaveValue('Rascunho do novo atendimento');
});

test.describe('in English', () => {
  test.beforeEach(async ({ page }) => {
    await page.evaluate(() => localStorage.setItem('hubdesk.locale', 'en'));
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  });
  test.afterEach(async ({ page }) => {
    await page.evaluate(() => localStorage.removeItem('hubdesk.locale'));
  });

  test('the detection reads in English', async ({ page }) => {
    await page.getByRole('link', { name: 'New ticket' }).click();
    await page.getByLabel('Search term').fill('529.982.247-25');
    await expect(page.getByTestId('customer-search-detected')).toHaveText('Searching by CPF');
  });
});
