import { afterEach, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import {
  cacheTickets,
  messageCounts,
  settled,
  startHarness,
  waitFor,
  workableTickets,
  type Harness,
  type HarnessOptions,
} from './harness';

const sims: RunningSimulator[] = [];
const harnesses: Harness[] = [];

async function setUp(
  seed: number,
  options: HarnessOptions = {},
): Promise<{ sim: RunningSimulator; harness: Harness }> {
  const sim = await startSimulator({ port: 0, seed, tickets: 200 });
  sims.push(sim);
  const harness = await startHarness(sim, { timeoutMs: 1_500, ...options });
  harnesses.push(harness);
  return { sim, harness };
}

afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
  for (const sim of sims.splice(0)) await sim.close();
});

describe('offline work', () => {
  it('lands a ticket created offline and its three replies in order, on the server id', async () => {
    const { sim, harness } = await setUp(5);
    const [service] = workableTickets(sim, 1);
    const port = sim.port;
    await sim.close();
    sims.splice(0);

    const actions = createActionsService(harness.current);
    const created = await actions.create({
      serviceId: service?.serviceId ?? 0,
      description: 'Sem sinal na fibra desde a chuva',
      name: 'João Pereira',
      phone: '21998765432',
    });
    const texts = ['Primeira resposta', 'Segunda resposta', 'Terceira resposta'];
    for (const text of texts) await actions.reply(created.ticketKey, text);
    harness.sender.start();

    // Unreachable: the create waits for the network without spending attempts.
    await waitFor(
      () => !harness.connectivity.online,
      10_000,
      () => 'connectivity to go offline',
    );
    const waiting = await harness.store.getAction(created.id);
    expect(waiting?.state).toBe('queued');
    expect(waiting?.attempts).toBe(0);
    expect((await harness.store.getTicket(created.ticketKey))?.id).toBeNull();

    const again = await startSimulator({ port, seed: 5, tickets: 200 });
    sims.push(again);
    const final = await settled(harness.store, 20_000);
    expect(final.map((a) => a.state)).toEqual(['sent', 'sent', 'sent', 'sent']);

    const ticket = await harness.store.getTicket(created.ticketKey);
    expect(ticket?.id).toEqual(expect.any(Number));
    const record = again.state({ only: 'changed' }).find((t) => t.id === ticket?.id);
    expect(record?.description).toMatch(/^Sem sinal na fibra desde a chuva/);
    expect(record?.messages.map((m) => m.text)).toEqual(texts);
    expect(ticket?.messages.map((m) => [m.text, m.pending])).toEqual(
      texts.map((text) => [text, false]),
    );
  }, 40_000);
});

describe('refusals', () => {
  it("fails a reply to a ticket closed on the server with the server's words, keeping the text", async () => {
    const { sim, harness } = await setUp(6);
    const [target] = workableTickets(sim, 1);
    const keys = await cacheTickets(harness.store, harness.client, [target?.protocol ?? '']);
    const key = keys.get(target?.protocol ?? '') ?? '';
    await harness.client.closeTicket(target?.id ?? 0, { description: 'Fechado no HubSoft' });

    const typed = 'Conseguimos normalizar o sinal, pode testar?';
    const action = await createActionsService(harness.current).reply(key, typed);
    expect((await harness.store.getTicket(key))?.messages.at(-1)).toMatchObject({
      text: typed,
      pending: true,
    });
    harness.seen.splice(0);
    harness.sender.start();

    const [failed] = await settled(harness.store, 10_000);
    expect(failed).toMatchObject({
      id: action.id,
      state: 'failed',
      payload: { text: typed },
      lastError: { message: 'Não é possível adicionar mensagem em um atendimento fechado.' },
    });
    const ticket = await harness.store.getTicket(key);
    expect(ticket?.messages.some((m) => m.text === typed)).toBe(false);
    expect(messageCounts(sim).get(typed)).toBeUndefined();
    await waitFor(
      () =>
        harness.seen.some(
          (e) => e.name === 'outbox' && 'failed' in e.payload && e.payload.failed === 1,
        ),
      2_000,
      () => 'the failed count to reach the UI',
    );
    expect(
      harness.seen.some(
        (e) => e.name === 'tickets' && 'keys' in e.payload && e.payload.keys.includes(key),
      ),
    ).toBe(true);
  });
});

describe('server trouble', () => {
  it('retries server errors with backoff, and after 24 hours of failures asks the agent', async () => {
    let hoursLater = 0;
    const { sim, harness } = await setUp(10, {
      now: () => new Date(Date.now() + hoursLater * 3_600_000),
    });
    const [target] = workableTickets(sim, 1);
    const keys = await cacheTickets(harness.store, harness.client, [target?.protocol ?? '']);
    const action = await createActionsService(harness.current).reply(
      keys.get(target?.protocol ?? '') ?? '',
      'Estamos verificando a rede da sua rua',
    );
    sim.setFaults({ errorRate: 1 });
    harness.sender.start();
    await waitFor(
      async () => {
        const current = await harness.store.getAction(action.id);
        return current?.state === 'queued' && current.attempts >= 2;
      },
      10_000,
      () => 'two failed attempts',
    );
    const retrying = await harness.store.getAction(action.id);
    // A 500 to a write says nothing about whether it applied: it waits for its read-back.
    expect(retrying).toMatchObject({ state: 'queued', lastError: { code: 'ambiguous' } });
    expect(retrying?.firstFailedAt).not.toBeNull();
    expect(Date.parse(retrying?.nextAttemptAt ?? '')).toBeGreaterThan(
      Date.parse(retrying?.updatedAt ?? ''),
    );

    hoursLater = 25;
    await waitFor(
      async () => (await harness.store.getAction(action.id))?.state === 'needs_attention',
      10_000,
      () => 'the action to ask for the agent',
    );
    expect((await harness.store.getAction(action.id))?.lastError?.message).toMatch(
      /falha há mais de 24 horas/,
    );
    expect(messageCounts(sim).get('Estamos verificando a rede da sua rua')).toBeUndefined();
  });
});

describe('unknown outcomes', () => {
  it('reads back a reply whose answer was lost instead of sending it again', async () => {
    const { sim, harness } = await setUp(7, { timeoutMs: 500 });
    const [target] = workableTickets(sim, 1);
    const keys = await cacheTickets(harness.store, harness.client, [target?.protocol ?? '']);
    const text = 'Técnico agendado para amanhã às 9h';
    const action = await createActionsService(harness.current).reply(
      keys.get(target?.protocol ?? '') ?? '',
      text,
    );
    // Every request is applied and never answered, read-backs included.
    sim.setFaults({ timeoutAfterCommitRate: 1 });
    harness.sender.start();
    await waitFor(
      async () => (await harness.store.getAction(action.id))?.lastError?.code === 'ambiguous',
      15_000,
      () => 'the reply to wait for its read-back',
    );
    expect(messageCounts(sim).get(text)).toBe(1);
    sim.setFaults({});
    harness.sender.kick();
    const [sent] = await settled(harness.store, 15_000);
    expect(sent?.state).toBe('sent');
    expect(messageCounts(sim).get(text)).toBe(1);
  }, 40_000);

  it('treats actions left sending by a crash as unknown: what arrived is kept, what did not is sent', async () => {
    const { sim, harness } = await setUp(8);
    const [arrived, lost] = workableTickets(sim, 2);
    const keys = await cacheTickets(harness.store, harness.client, [
      arrived?.protocol ?? '',
      lost?.protocol ?? '',
    ]);
    const actions = createActionsService(harness.current);
    const first = await actions.reply(
      keys.get(arrived?.protocol ?? '') ?? '',
      'Chegou antes da queda',
    );
    const second = await actions.reply(
      keys.get(lost?.protocol ?? '') ?? '',
      'Não chegou antes da queda',
    );
    // As if the app died mid-send: both marked sending, only the first reached the server.
    await harness.store.markActionSending(first.id);
    await harness.store.markActionSending(second.id);
    await harness.client.addMessage(arrived?.id ?? 0, 'Chegou antes da queda');

    harness.sender.start();
    const final = await settled(harness.store, 10_000);
    expect(final.map((a) => a.state)).toEqual(['sent', 'sent']);
    const counts = messageCounts(sim);
    expect(counts.get('Chegou antes da queda')).toBe(1);
    expect(counts.get('Não chegou antes da queda')).toBe(1);
  });
});
