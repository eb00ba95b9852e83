import { expect, test, type Page } from '@playwright/test';
import {
  closableProtocol,
  closeOnServer,
  customerOfService,
  openTicket,
  openTicketOnServer,
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
});

/** Brazilian phones as people read them. */
function readable(digits: string): string {
  const local = digits.slice(2);
  return `(${digits.slice(0, 2)}) ${local.slice(0, local.length - 4)}-${local.slice(-4)}`;
}

/** Opens a ticket the server can close and gives two more tickets to its customer. */
async function ticketWithSiblings(page: Page) {
  const protocol = await closableProtocol(page, workspace.sim);
  const [record] = workspace.sim.state({ protocol });
  if (!record) throw new Error(`the server has no ticket ${protocol}`);
  const stamp = Date.now();
  await openTicketOnServer(workspace.sim, record.serviceId, `Lentidão à noite ${stamp}`);
  await openTicketOnServer(workspace.sim, record.serviceId, `Troca de plano ${stamp}`);
  const siblings = workspace.sim
    .state()
    .filter(
      (ticket) => ticket.serviceId === record.serviceId && ticket.description.includes(`${stamp}`),
    );
  const closed = siblings.find((ticket) => ticket.description.includes('Troca de plano'));
  const open = siblings.find((ticket) => ticket.description.includes('Lentidão'));
  if (!closed || !open) throw new Error('the new tickets are not on the server');
  await closeOnServer(workspace.sim, closed.id);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await openTicket(page, protocol);
  return { protocol, record, open, closed };
}

test("the customer panel shows the customer's document, phones, e-mail, plan and service status", async ({
  page,
}) => {
  const protocol = await closableProtocol(page, workspace.sim);
  const [record] = workspace.sim.state({ protocol });
  if (!record) throw new Error(`the server has no ticket ${protocol}`);
  const customer = await customerOfService(workspace.sim, record.serviceId);
  await openTicket(page, protocol);

  const panel = page.getByTestId('customer-panel');
  await expect(panel.getByTestId('customer-name')).toHaveText(customer.name.trim());
  await expect(panel.getByTestId('customer-document')).toHaveText(
    /^(\d{3}\.\d{3}\.\d{3}-\d{2}|[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}\/[0-9A-Z]{4}-\d{2})$/,
  );
  for (const phone of customer.phones) {
    await expect(panel.getByTestId('customer-phones')).toContainText(readable(phone));
  }
  if (customer.email) await expect(panel.getByTestId('customer-email')).toHaveText(customer.email);
  await expect(panel.getByTestId('customer-service-status')).not.toBeEmpty();
  await expect(panel).toContainText('Plano');
});

test('"Outros atendimentos deste cliente" lists the customer\'s other tickets, open first, one click away', async ({
  page,
}) => {
  const { protocol, open, closed } = await ticketWithSiblings(page);
  const others = page.getByTestId('customer-tickets');
  await expect(others.getByRole('heading')).toHaveText('Outros atendimentos deste cliente');
  const items = others.getByTestId('customer-ticket');
  await expect(items.filter({ hasText: open.protocol })).toBeVisible({ timeout: 20_000 });
  await expect(items.filter({ hasText: closed.protocol })).toBeVisible({ timeout: 20_000 });
  // The ticket on screen is not among its "others".
  await expect(items.filter({ hasText: protocol })).toHaveCount(0);
  // Open ones first: no open ticket comes after a closed one.
  const states = await items.evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute('data-open')),
  );
  expect(states.indexOf('yes')).toBeGreaterThanOrEqual(0);
  expect(states.lastIndexOf('yes')).toBeLessThan(states.indexOf('no'));
  await expect(items.filter({ hasText: open.protocol })).toContainText('Aberto');
  await expect(items.filter({ hasText: closed.protocol })).toContainText('Fechado');

  await items.filter({ hasText: open.protocol }).getByRole('link').click();
  await expect(page.getByTestId('ticket-protocol')).toHaveText(open.protocol);
  await expect(page.getByTestId('customer-ticket').filter({ hasText: protocol })).toBeVisible();
});

test.describe('in English, dark', () => {
  test.beforeEach(async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => localStorage.setItem('hubdesk.locale', 'en'));
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  });
  test.afterEach(async ({ page }) => {
    await page.evaluate(() => localStorage.removeItem('hubdesk.locale'));
  });

  test("the panel and the customer's other tickets read in English", async ({ page }) => {
    const protocol = await closableProtocol(page, workspace.sim);
    await page.getByTestId('ticket-row').filter({ hasText: protocol }).click();
    await expect(page.getByTestId('ticket-protocol')).toHaveText(protocol);
    await expect(page.getByTestId('customer-panel')).toContainText('Phones');
    await expect(page.getByTestId('customer-tickets').getByRole('heading')).toHaveText(
      "This customer's other tickets",
    );
  });
});
