/**
 * Dates against the strict simulator over HTTP, with a real SQLite store: the detail answer gives
 * `dd/mm/yyyy` (fact 46) and must never blank the exact time a list row gave; a ticket known only
 * through its detail shows a day; a sent message carries the server's time, not this computer's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import { storeTicketDetail } from '../../../main/sync/ticket-detail';
import { settled, startHarness, workableTickets, type Harness } from '../outbox/harness';

let sim: RunningSimulator | undefined;
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  await sim?.close();
  harness = undefined;
  sim = undefined;
});

async function ready(options: { clockSkewMs?: number } = {}): Promise<Harness> {
  sim = await startSimulator({ port: 0, seed: 23, tickets: 250, ...options });
  sim.setFaults({ rateLimit: null });
  harness = await startHarness(sim, { rateLimit: { perSecond: 400, burst: 400 } });
  return harness;
}

const iso = (ms: number) => new Date(ms).toISOString();

describe("a ticket's times as the server gave them", () => {
  it("keeps every list row's opening time after sync refreshes the open tickets' details", async () => {
    const { store, current } = await ready();
    await current().sync.runNow();
    const page = await store.listTickets({ status: 'all', limit: 500 });
    const refreshed = page.items.filter((ticket) => ticket.detailFetchedAt !== null);
    expect(refreshed.length).toBeGreaterThan(0);
    const serverOpening = new Map(sim!.state().map((record) => [record.id, iso(record.openedAt)]));
    for (const ticket of page.items) {
      expect(ticket.openedAt).toBe(serverOpening.get(ticket.id ?? -1));
      expect(ticket.openedAtPrecision).toBe('time');
    }
  });

  it("keeps a ticket's opening and closing times after the agent opens it", async () => {
    const { store, current } = await ready();
    await current().sync.runNow();
    const closed = (await store.listTickets({ status: 'closed', limit: 1 })).items[0];
    expect(closed).toBeDefined();
    const before = await store.getTicket(closed!.key);
    await current().sync.refreshTicket(closed!.key);
    const after = await store.getTicket(closed!.key);
    expect(after?.detailFetchedAt).not.toBeNull();
    expect(after?.description).not.toBeNull();
    expect(after).toMatchObject({
      openedAt: before?.openedAt,
      openedAtPrecision: 'time',
      closedAt: before?.closedAt,
      closedAtPrecision: 'time',
    });
  });

  it('shows a ticket known only through its detail with its day and no time', async () => {
    const { store, client } = await ready();
    const record = sim!.state()[0]!;
    const stored = await storeTicketDetail(store, await client.getTicket(record.protocol));
    const serverDay = iso(record.openedAt - 3 * 3_600_000).slice(0, 10);
    expect(stored).toMatchObject({
      openedAt: `${serverDay}T03:00:00.000Z`,
      openedAtPrecision: 'day',
    });
  });

  it("dates a sent reply with the server's time even when this computer's clock is off", async () => {
    const skew = 90 * 60_000;
    const { store, client, sender, current } = await ready({ clockSkewMs: skew });
    const [target] = workableTickets(sim!, 1);
    const cached = await store.upsertTicketDetail(await client.getTicket(target!.protocol));
    const queued = await createActionsService(current).reply(cached.key, 'Técnico a caminho.');
    sender.start();
    await settled(store, 15_000);
    const sent = sim!
      .state()
      .find((record) => record.id === target!.id)!
      .messages.at(-1)!;
    const shown = (await store.getTicket(cached.key))?.messages.find(
      (message) => message.localId === queued.localRef,
    );
    expect(shown).toMatchObject({ pending: false, id: sent.id, createdAt: iso(sent.createdAt) });
    expect(Date.parse(shown!.createdAt) - Date.parse(queued.createdAt)).toBeGreaterThan(skew / 2);
  });
});
