import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../preload/errors';
import { createConfigService } from '../../../main/api/config-service';
import { createCustomersService } from '../../../main/api/customers-service';
import { createSyncService } from '../../../main/api/sync-service';
import { createTicketsService } from '../../../main/api/tickets-service';
import { createConnectivity } from '../../../main/sync/connectivity';
import { createSyncEngine } from '../../../main/sync/engine';
import { clientFor, EventHub, resources } from './sync-fixture';

const r = resources();
afterEach(() => r.cleanup());

const quickClient = {
  retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
  timeoutMs: 3_000,
};

/** The parts of a signed-in workspace these services use, over a simulator and a real store. */
async function workspace(options: { userId?: number } = {}) {
  const sim = await r.sim({ tickets: 400 });
  const store = await r.store(join(r.dir(), 'profile.sqlite'));
  await store.setSetting('sync.windowDays', 200);
  const client = clientFor(sim.url, quickClient);
  const connectivity = createConnectivity();
  const sync = createSyncEngine({
    store,
    client,
    events: new EventHub(),
    connectivity,
    profile: { id: 'p1' },
    userId: options.userId ?? null,
    refreshLimit: 0,
  });
  const current = () => ({ store, client, connectivity, sync });
  return {
    sim,
    store,
    connectivity,
    sync,
    tickets: createTicketsService(current),
    syncService: createSyncService(current),
    config: createConfigService(current),
    customers: createCustomersService(current),
  };
}

async function failureOf(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('tickets, sync, config and customers services', () => {
  it('list, get and search answer from the cache once sync has run', async () => {
    const w = await workspace();
    const status = await w.syncService.now();
    expect(status).toMatchObject({ lastError: null, cachedTickets: 400 });
    expect(w.syncService.status()).toMatchObject({ running: false, cachedTickets: 400 });

    const server = w.sim.state();
    const open = await w.tickets.list({ status: 'open', limit: 50 });
    // The inbox leaves server-side drafts out (fact 35).
    expect(open.total).toBe(server.filter((t) => t.closedAt === null && !t.draft).length);
    expect(open.items.every((t) => t.closedAt === null)).toBe(true);

    const record = server[123];
    if (!record) throw new Error('missing record');
    const ticket = await w.tickets.get(`t:${record.id}`);
    expect(ticket.protocol).toBe(record.protocol);
    const hits = await w.tickets.search(record.protocol, { limit: 5 });
    expect(hits.map((hit) => hit.ticket.key)).toContain(`t:${record.id}`);

    const missing = await failureOf(() => w.tickets.get('t:1'));
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({ code: 'not_found' });
    await w.sync.stop();
  });

  it('a narrower window keeps fewer days; widening it again downloads the older tickets', async () => {
    const w = await workspace();
    await w.store.setSetting('sync.windowDays', 30);
    const narrow = await w.syncService.now();
    expect(narrow.windowDays).toBe(30);
    const monthOnly = narrow.cachedTickets;

    const widened = await w.syncService.setWindow(200);
    expect(widened.windowDays).toBe(200);
    expect(await w.store.getSetting('sync.windowDays')).toBe(200);
    await expect
      .poll(async () => (await w.syncService.now()).cachedTickets, { timeout: 20_000 })
      .toBe(400);
    expect(monthOnly).toBeLessThan(400);
    await w.sync.stop();
  });

  it('"mine" lists the agent’s tickets when the server told who the agent is', async () => {
    const probe = await workspace();
    const someone = probe.sim.state().find((t) => t.responsibleUserIds.length > 0);
    await probe.sync.stop();
    if (!someone) throw new Error('no ticket with a responsible user');
    const agent = someone.responsibleUserIds[0] ?? 0;

    const w = await workspace({ userId: agent });
    await w.syncService.now();
    const mine = await w.tickets.list({ mine: true, status: 'all', limit: 500 });
    const expected = w.sim.state().filter((t) => t.responsibleUserIds.includes(agent) && !t.draft);
    expect(mine.total).toBe(expected.length);
    expect(mine.items.every((t) => t.responsibleUserIds.includes(agent))).toBe(true);
    const everyone = await w.tickets.list({ status: 'all', limit: 1 });
    expect(everyone.total).toBe(w.sim.state().filter((t) => !t.draft).length);
    const withDrafts = await w.tickets.list({ status: 'all', includeServerDrafts: true, limit: 1 });
    expect(withDrafts.total).toBe(400);
    await w.sync.stop();
  });

  it('refresh brings the ticket’s messages, and offline answers the cached copy instead of failing', async () => {
    const w = await workspace();
    await w.syncService.now();
    const record = w.sim.state().find((t) => t.messages.length > 0);
    if (!record) throw new Error('no ticket with messages');
    const key = `t:${record.id}`;

    const refreshed = await w.tickets.refresh(key);
    expect(refreshed.messages.map((m) => m.text)).toEqual(record.messages.map((m) => m.text));

    await w.sim.close();
    const again = await w.tickets.refresh(key);
    expect(again.messages).toHaveLength(record.messages.length);
    w.connectivity.setOsHint(false);
    const offline = await w.tickets.refresh(key);
    expect(offline.key).toBe(key);

    const unknown = await failureOf(() => w.tickets.refresh('t:1'));
    expect(unknown).toMatchObject({ code: 'not_found' });
    await w.sync.stop();
  });

  it('config answers every list with when it was fetched', async () => {
    const w = await workspace();
    const before = await w.config.get();
    expect(before.fetchedAt).toBeNull();
    expect(before.ticketStatuses).toEqual([]);
    await w.syncService.now();
    const lists = await w.config.get();
    expect(lists.fetchedAt).not.toBeNull();
    expect(lists.ticketStatuses.map((s) => s.label)).toContain('Em Análise');
    expect(lists.ticketTypes.length).toBeGreaterThan(0);
    expect(lists.closingReasons.length).toBeGreaterThan(0);
    await w.sync.stop();
  });

  it('customers are searched on the server when online and in the cache when not', async () => {
    const w = await workspace();
    const found = await w.customers.search({ by: 'name', term: 'Silva' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((c) => c.name.toUpperCase().includes('SILVA'))).toBe(true);
    const someone = found[0];
    if (!someone?.document) throw new Error('customer without a document');

    await w.sim.close();
    const byDocument = await w.customers.search({ by: 'document', term: someone.document });
    expect(byDocument.map((c) => c.id)).toEqual([someone.id]);
    w.connectivity.setOsHint(false);
    const cached = await w.customers.search({ by: 'name', term: 'Silva' });
    expect(cached.map((c) => c.id).sort()).toEqual(found.map((c) => c.id).sort());
    await w.sync.stop();
  });

  it("a ticket's customer panel gets the customer of its service, online and then offline", async () => {
    const w = await workspace();
    const [someone] = await w.customers.search({ by: 'name', term: 'Silva' });
    const service = someone?.services[0];
    if (!someone || !service) throw new Error('no customer with a service');
    // Fact 38: busca=id_cliente_servico, asked of the server; the cache learns phones and e-mail.
    await w.store.purgeCache();
    expect(await w.store.getCustomerByService(service.id)).toBeNull();
    const online = await w.customers.ofService(service.id);
    expect(online).toMatchObject({ id: someone.id, email: someone.email, phones: someone.phones });

    await w.sim.close();
    w.connectivity.setOsHint(false);
    const offline = await w.customers.ofService(service.id);
    expect(offline?.id).toBe(someone.id);
    expect(await w.customers.ofService(999_999_999)).toBeNull();
    await w.sync.stop();
  });

  it("a customer's other tickets come from the cache, open ones first", async () => {
    const w = await workspace();
    await w.syncService.now();
    const page = await w.tickets.list({ status: 'all', limit: 500 });
    const counts = new Map<number, number>();
    for (const ticket of page.items) {
      if (ticket.customer)
        counts.set(ticket.customer.id, (counts.get(ticket.customer.id) ?? 0) + 1);
    }
    const [customerId] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    if (customerId === undefined) throw new Error('no customer in the cache');
    const theirs = await w.tickets.ofCustomer(customerId);
    expect(theirs.length).toBe(Math.min(counts.get(customerId) ?? 0, 20));
    expect(theirs.every((ticket) => ticket.customer?.id === customerId)).toBe(true);
    const firstClosed = theirs.findIndex((ticket) => ticket.closedAt !== null);
    if (firstClosed >= 0) {
      expect(theirs.slice(firstClosed).every((ticket) => ticket.closedAt !== null)).toBe(true);
    }
    const summaries = await w.tickets.summaries(theirs.map((ticket) => ticket.key));
    expect(summaries.map((ticket) => ticket.key).sort()).toEqual(
      theirs.map((ticket) => ticket.key).sort(),
    );
    await w.sync.stop();
  });
});
