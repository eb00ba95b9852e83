import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HubsoftClient, type HubsoftClientOptions } from '../../../main/hubsoft/client';
import { HubsoftError } from '../../../main/hubsoft/errors';
import type { TicketPage } from '../../../main/hubsoft/model';
import type { TicketListQuery } from '../../../main/hubsoft/requests';
import { DEMO_ACCOUNT } from '../../../main/sim/demo-account';
import type { TicketRecord } from '../../../main/sim/records';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import { MemoryTokenStore } from './local-server';

let sim: RunningSimulator;
let client: HubsoftClient;
const folder = mkdtempSync(join(tmpdir(), 'hubsoft-sim-'));

function newClient(overrides: Partial<HubsoftClientOptions> = {}): HubsoftClient {
  return new HubsoftClient({
    credentials: {
      baseUrl: sim.url,
      clientId: DEMO_ACCOUNT.clientId,
      clientSecret: DEMO_ACCOUNT.clientSecret,
      username: DEMO_ACCOUNT.username,
      password: DEMO_ACCOUNT.password,
    },
    tokenStore: new MemoryTokenStore(),
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
    ...overrides,
  });
}

async function admin(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function simState(query = ''): Promise<TicketRecord[]> {
  const response = await fetch(`${sim.url}/__sim/state${query}`);
  return ((await response.json()) as { tickets: TicketRecord[] }).tickets;
}

async function failureOf(promise: Promise<unknown>): Promise<HubsoftError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HubsoftError);
    return error as HubsoftError;
  }
  throw new Error('expected the call to fail');
}

const everything = { from: '2000-01-01', to: '2099-12-31' };

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, tickets: 2000 });
  client = newClient();
});

afterEach(async () => {
  await admin('/__sim/faults', {});
});

afterAll(async () => {
  await sim.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Pages until lastPage, collecting ids. */
async function collect(fetchPage: (page: number) => Promise<TicketPage>): Promise<number[]> {
  const ids: number[] = [];
  let page = 0;
  for (;;) {
    const result = await fetchPage(page);
    ids.push(...result.tickets.map((ticket) => ticket.id));
    if (page >= result.lastPage) return ids;
    page += 1;
  }
}

async function openTicketWithoutRunningOrder(): Promise<TicketRecord> {
  const found = (await simState()).find(
    (ticket) =>
      ticket.closedAt === null &&
      !ticket.draft &&
      ticket.serviceOrders.every((order) => order.status !== 'em_execucao'),
  );
  if (!found) throw new Error('the seed has no open ticket without an order in execution');
  return found;
}

describe('the client against the HubSoft simulator', () => {
  it('pages through 2,000 tickets with both paginators and gets every ticket exactly once', async () => {
    const stored = await simState();
    expect(stored).toHaveLength(2000);
    const expected = stored.map((ticket) => ticket.id).sort((a, b) => a - b);
    const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
    const query = (page: number, perPage: number): TicketListQuery => ({
      page,
      perPage,
      ...everything,
    });

    const todos = await collect((page) => client.listTickets(query(page, 500)));
    const paginadoGet = await collect((page) => client.listTicketsPaginated(query(page, 300)));
    const paginadoPost = await collect((page) =>
      client.listTicketsPaginated({ ...query(page, 450), method: 'POST' }),
    );
    for (const ids of [todos, paginadoGet, paginadoPost]) {
      expect(ids).toHaveLength(2000);
      expect(sorted(ids)).toEqual(expected);
    }
  });

  it('lists by closing date and with relations', async () => {
    const page = await client.listTickets({
      page: 0,
      perPage: 100,
      ...everything,
      dateField: 'closed',
      relations: ['atendimento_mensagem', 'cliente_servico'],
    });
    const closedInState = (await simState()).filter((ticket) => ticket.closedAt !== null).length;
    expect(page.total).toBe(closedInState);
    for (const ticket of page.tickets) {
      expect(ticket.closedAt).not.toBeNull();
      expect(ticket.messages).not.toBeNull();
      expect(ticket.protocol).toMatch(/^(\d{15}|\d{20})$/);
    }
  });

  it('reads a ticket in full by protocol: opening text, messages and service orders as stored', async () => {
    const stored = (await simState()).find(
      (ticket) => ticket.messages.length > 1 && ticket.serviceOrders.length > 0,
    );
    if (!stored) throw new Error('the seed has no ticket with messages and orders');
    const ticket = await client.getTicket(stored.protocol);
    expect(ticket.id).toBe(stored.id);
    expect(ticket.description).toBe(stored.description);
    // The presentation shape dates the ticket by day only: local (UTC-03:00) midnight of that day.
    const threeHours = 3 * 3_600_000;
    const localMidnight =
      Math.floor((stored.openedAt - threeHours) / 86_400_000) * 86_400_000 + threeHours;
    expect(ticket.openedAt).toBe(new Date(localMidnight).toISOString());
    expect(ticket.messages?.map((message) => message.text).sort()).toEqual(
      stored.messages.map((message) => message.text).sort(),
    );
    for (const message of ticket.messages ?? []) {
      const original = stored.messages.find((candidate) => candidate.id === message.id);
      expect(message.createdAt).toBe(new Date(original?.createdAt ?? 0).toISOString());
    }
    expect(ticket.serviceOrders?.map((order) => order.id)).toEqual(
      stored.serviceOrders.map((order) => order.id),
    );
  });

  it('answers not_found for a protocol the server does not know', async () => {
    expect((await failureOf(client.getTicket('999999999999999'))).kind).toBe('not_found');
  });

  it('finds a customer by CPF/CNPJ with the service a new ticket needs, and lists their tickets', async () => {
    const stored = (await simState())[0];
    if (!stored) throw new Error('empty dataset');
    const detail = await client.getTicket(stored.protocol);
    const document = detail.labels?.customerDocument ?? '';
    const [customer] = await client.searchCustomers({ by: 'cpf_cnpj', term: document, limit: 5 });
    expect(customer?.document).toBe(document.replace(/\D/g, ''));
    expect(customer?.services.map((service) => service.id)).toContain(stored.serviceId);
    const tickets = await client.listCustomerTickets({
      by: 'cpf_cnpj',
      term: document,
      onlyPending: false,
      limit: 50,
    });
    expect(tickets.map((ticket) => ticket.id)).toContain(stored.id);
  });

  it('finds a customer by an alphanumeric CNPJ typed with punctuation, and keeps its letters', async () => {
    const companies = await client.searchCustomers({
      by: 'nome_razaosocial',
      term: 'LTDA',
      limit: 100,
    });
    const company = companies.find((candidate) => /[A-Z]/.test(String(candidate.raw.cpf_cnpj)));
    if (!company) throw new Error('the seed has no company with an alphanumeric CNPJ');
    const letters = String(company.raw.cpf_cnpj);
    expect(company.document).toBe(letters);
    const typed = letters.replace(/^(.{2})(.{3})(.{3})(.{4})(\d{2})$/, '$1.$2.$3/$4-$5');
    const [found] = await client.searchCustomers({ by: 'cpf_cnpj', term: typed, limit: 5 });
    expect(found).toMatchObject({ id: company.id, document: letters });
  });

  it('reads every configuration list', async () => {
    const names = [
      'ticketTypes',
      'ticketStatuses',
      'closingReasons',
      'contactOrigins',
      'availabilityPeriods',
      'serviceOrderTypes',
      'technicians',
    ] as const;
    for (const name of names) {
      const items = await client.getConfigList(name);
      expect(items.length, name).toBeGreaterThan(0);
      for (const item of items) {
        expect(Number.isInteger(item.id)).toBe(true);
        expect(item.label).not.toBe('');
      }
    }
    const statuses = await client.getConfigList('ticketStatuses');
    expect(statuses.every((status) => typeof status.raw.prefixo === 'string')).toBe(true);
  });

  it('creates, edits, messages, attaches to and closes a ticket, and the server holds each change once', async () => {
    const base = (await simState())[0];
    if (!base) throw new Error('empty dataset');
    const created = await client.createTicket({
      serviceId: base.serviceId,
      description: 'Cliente sem acesso desde ontem.',
      requesterName: 'Maria Teste',
      requesterPhone: '37999990000',
    });
    expect(created.protocol).toMatch(/^\d+$/);

    const types = await client.getConfigList('ticketTypes');
    const edited = await client.editTicket(created.id, { typeId: types[1]?.id ?? types[0]?.id });
    expect(edited.typeId).toBe(types[1]?.id ?? types[0]?.id);

    const message = await client.addMessage(created.id, 'Técnico a caminho.');
    expect(message.ticketId).toBe(created.id);
    expect(message.createdAt).toMatch(/Z$/);

    const bytes = randomBytes(256 * 1024);
    writeFileSync(join(folder, 'foto.jpg'), bytes);
    const receipt = await client.addAttachments(created.id, [
      { path: join(folder, 'foto.jpg'), mimeType: 'image/jpeg' },
    ]);
    expect(receipt.protocol).toBe(created.protocol);

    const [stored] = await simState(`?protocol=${created.protocol}`);
    expect(stored?.messages.filter((m) => m.text === 'Técnico a caminho.')).toHaveLength(1);
    expect(stored?.messages.find((m) => m.id === message.id)?.createdAt).toBe(
      Date.parse(message.createdAt),
    );
    expect(stored?.attachments).toMatchObject([
      {
        field: 'files[0]',
        name: 'foto.jpg',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    ]);

    if (stored?.serviceOrders.some((order) => order.status === 'em_execucao'))
      throw new Error('unexpected running order');
    const closed = await client.closeTicket(created.id, {
      description: 'Resolvido por telefone.',
      closingStatus: 'concluido',
    });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.closingDescription).toBe('Resolvido por telefone.');

    const refused = await failureOf(client.addMessage(created.id, 'Depois de fechado'));
    expect(['business', 'validation']).toContain(refused.kind);
    expect(refused.message).toMatch(/fechado/);
  });

  it('closes with the reason the agent chose, and the server keeps that reason', async () => {
    const open = (await simState()).find(
      (ticket) =>
        ticket.closedAt === null &&
        ticket.serviceOrders.every((order) => order.status !== 'em_execucao'),
    );
    if (!open) throw new Error('the seed has no ticket that can be closed');
    const closed = await client.closeTicket(open.id, {
      reasonId: 103,
      description: 'Visita feita.',
      closingStatus: 'sem_conclusao',
    });
    expect(closed.closingReasonId).toBe(103);
    const [stored] = await simState(`?protocol=${open.protocol}`);
    expect(stored).toMatchObject({ closingReasonId: 103, closingStatus: 'sem_conclusao' });
  });

  it('reports a close refused because a service order is in execution as business with the reason', async () => {
    const running = (await simState()).find(
      (ticket) =>
        ticket.closedAt === null &&
        ticket.serviceOrders.some((order) => order.status === 'em_execucao'),
    );
    if (!running) throw new Error('the seed has no ticket with an order in execution');
    const error = await failureOf(client.closeTicket(running.id, {}));
    expect(error.kind).toBe('business');
    expect(error.status).toBeGreaterThanOrEqual(400);
    expect(error.message).toContain('em execução');
  });

  it('reports invalid input with the server errors[]', async () => {
    const error = await failureOf(
      client.createTicket({
        serviceId: 999_999_999,
        description: 'x',
        requesterName: 'y',
        requesterPhone: '1',
      }),
    );
    expect(error.kind).toBe('validation');
    expect(error.details.errors?.length).toBeGreaterThan(0);
  });

  it('reports a create whose answer never came as ambiguous, while the server did create it', async () => {
    const base = await openTicketWithoutRunningOrder();
    const writer = newClient({ timeoutMs: 500 });
    await writer.getConfigList('ticketTypes');
    await admin('/__sim/faults', { timeoutAfterCommitRate: 1 });
    const description = `Ambíguo ${Date.now()}`;
    const error = await failureOf(
      writer.createTicket({
        serviceId: base.serviceId,
        description,
        requesterName: 'Ana',
        requesterPhone: '37988887777',
      }),
    );
    expect(error.kind).toBe('ambiguous');
    await admin('/__sim/faults', {});
    const created = (await simState('?only=changed')).filter((ticket) =>
      ticket.description.startsWith(description),
    );
    expect(created).toHaveLength(1);
  });

  it('reports a message whose connection was reset as ambiguous, never sending it twice', async () => {
    const base = await openTicketWithoutRunningOrder();
    await client.getConfigList('ticketTypes');
    await admin('/__sim/faults', { resetRate: 1 });
    expect((await failureOf(client.addMessage(base.id, 'Reset'))).kind).toBe('ambiguous');
    await admin('/__sim/faults', {});
    const [stored] = await simState(`?protocol=${base.protocol}`);
    expect(
      stored?.messages.filter((message) => message.text === 'Reset').length,
    ).toBeLessThanOrEqual(1);
  });

  it('signs in again on its own after the server revokes every token', async () => {
    const own = newClient();
    await own.getConfigList('ticketTypes');
    await admin('/__sim/faults', { revokeTokens: true });
    expect((await own.getConfigList('ticketTypes')).length).toBeGreaterThan(0);
  });

  it('asks for sign-in after revocation when no password was remembered', async () => {
    const store = new MemoryTokenStore();
    const credentials = {
      baseUrl: sim.url,
      clientId: DEMO_ACCOUNT.clientId,
      clientSecret: DEMO_ACCOUNT.clientSecret,
      username: DEMO_ACCOUNT.username,
      password: null,
    };
    const agentTyped = new HubsoftClient({ credentials, tokenStore: store });
    await agentTyped.signIn(DEMO_ACCOUNT.password);
    await agentTyped.getConfigList('ticketTypes');
    // The simulator revokes refresh tokens too: the one re-authentication fails, the agent is asked.
    await admin('/__sim/faults', { revokeTokens: true });
    const error = await failureOf(agentTyped.getConfigList('ticketTypes'));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(store.saved).toBeNull();
  });

  it('classifies each injected fault on reads: HTML pages, 500s, cut JSON, resets', async () => {
    const reader = newClient({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    await reader.getConfigList('ticketTypes');
    const cases: [Record<string, number>, string][] = [
      [{ htmlErrorRate: 1 }, 'server'],
      [{ errorRate: 1 }, 'server'],
      [{ malformedRate: 1 }, 'parse'],
      [{ resetRate: 1 }, 'network'],
    ];
    for (const [faults, kind] of cases) {
      await admin('/__sim/faults', faults);
      expect(
        (await failureOf(reader.getConfigList('ticketTypes'))).kind,
        JSON.stringify(faults),
      ).toBe(kind);
    }
  });

  it('classifies injected faults on writes and sends each write once', async () => {
    const base = await openTicketWithoutRunningOrder();
    const writer = newClient();
    await writer.getConfigList('ticketTypes');
    const cases: [Record<string, number>, string, string][] = [
      // A 5xx to a write says nothing about whether it was applied: the outcome is unknown.
      [{ htmlErrorRate: 1 }, 'ambiguous', 'Falha HTML'],
      [{ errorRate: 1 }, 'ambiguous', 'Falha 500'],
      [{ malformedRate: 1 }, 'ambiguous', 'Resposta cortada'],
    ];
    for (const [faults, kind, text] of cases) {
      await admin('/__sim/faults', faults);
      expect((await failureOf(writer.addMessage(base.id, text))).kind, text).toBe(kind);
      await admin('/__sim/faults', {});
    }
    const [stored] = await simState(`?protocol=${base.protocol}`);
    const texts = stored?.messages.map((message) => message.text) ?? [];
    // The HTML page and the 500 did nothing; the cut answer came after the message was stored.
    expect(texts.filter((text) => text === 'Falha HTML' || text === 'Falha 500')).toHaveLength(0);
    expect(texts.filter((text) => text === 'Resposta cortada')).toHaveLength(1);
  });

  it('gets through a tight server rate limit by honouring 429 retry_after', async () => {
    const reader = newClient({
      rateLimit: { perSecond: 100, burst: 100 },
      retry: { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 100 },
    });
    await reader.getConfigList('ticketTypes');
    await admin('/__sim/faults', { rateLimit: { perSecond: 20, burst: 2 } });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => reader.getConfigList('technicians')),
    );
    expect(results.every((items) => items.length > 0)).toBe(true);
  });

  it('survives random faults on reads while paging, and still sees every ticket', async () => {
    const reader = newClient({ retry: { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 10 } });
    await reader.getConfigList('ticketTypes');
    await admin('/__sim/faults', {
      htmlErrorRate: 0.1,
      errorRate: 0.1,
      malformedRate: 0.1,
      resetRate: 0.1,
    });
    const ids = await collect((page) => reader.listTickets({ page, perPage: 250, ...everything }));
    await admin('/__sim/faults', {});
    expect(new Set(ids).size).toBe((await simState()).length);
  });
});
