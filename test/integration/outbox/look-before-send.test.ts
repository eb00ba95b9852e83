import { afterEach, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { createOutboxService } from '../../../main/api/outbox-service';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import type { ActionState, OutboxAction } from '../../../main/store/types';
import {
  cacheTickets,
  messageCounts,
  startHarness,
  waitFor,
  workableTickets,
  type Harness,
  type HarnessOptions,
} from './harness';

const sims: RunningSimulator[] = [];
const harnesses: Harness[] = [];

interface Scene {
  sim: RunningSimulator;
  harness: Harness;
  protocol: string;
  key: string;
  actions: ReturnType<typeof createActionsService>;
  outbox: ReturnType<typeof createOutboxService>;
}

/** A cached open ticket, as the agent has it on screen after opening it. */
async function setUp(seed: number, options: HarnessOptions = {}): Promise<Scene> {
  const sim = await startSimulator({ port: 0, seed, tickets: 200 });
  sims.push(sim);
  const harness = await startHarness(sim, { timeoutMs: 1_500, ...options });
  harnesses.push(harness);
  const [ticket] = workableTickets(sim, 1);
  const protocol = ticket?.protocol ?? '';
  const keys = await cacheTickets(harness.store, harness.client, [protocol]);
  return {
    sim,
    harness,
    protocol,
    key: keys.get(protocol) ?? '',
    actions: createActionsService(harness.current),
    outbox: createOutboxService(harness.current),
  };
}

afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
  for (const sim of sims.splice(0)) await sim.close();
});

/** Another agent answers the customer in HubSoft's own screens. */
async function writeAsOtherAgent(sim: RunningSimulator, protocol: string, text: string) {
  const answer = await fetch(`${sim.url}/__sim/message`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ protocol, text }),
  });
  expect(answer.status).toBe(200);
}

/** The link drops (the OS says so), so what the agent queues now is queued offline. */
async function goOffline(harness: Harness): Promise<void> {
  harness.connectivity.setOsHint(false);
  await waitFor(
    () => !harness.connectivity.online,
    5_000,
    () => 'the app to be offline',
  );
}

async function comeBackOnline(harness: Harness): Promise<void> {
  harness.connectivity.setOsHint(true);
  await waitFor(
    () => harness.connectivity.online,
    10_000,
    () => 'the app to be online',
  );
}

async function waitForState(
  harness: Harness,
  id: number,
  state: ActionState,
): Promise<OutboxAction> {
  let seen: OutboxAction | null = null;
  await waitFor(
    async () => (seen = await harness.store.getAction(id))?.state === state,
    20_000,
    () => `action ${id} to be ${state} (it is ${seen?.state ?? 'missing'})`,
  );
  return seen as unknown as OutboxAction;
}

function serverTexts(sim: RunningSimulator, protocol: string): string[] {
  return sim.state({ protocol })[0]?.messages.map((message) => message.text) ?? [];
}

describe('the look before sending', () => {
  it('holds a reply queued offline when someone wrote meanwhile; sent anyway, it lands once', async () => {
    const { sim, harness, protocol, key, actions, outbox } = await setUp(41);
    await goOffline(harness);
    const text = 'Pode reiniciar o roteador e me avisar?';
    const reply = await actions.reply(key, text);
    await writeAsOtherAgent(sim, protocol, 'Cliente ligou: a internet voltou sozinha.');
    harness.sender.start();
    await comeBackOnline(harness);

    const held = await waitForState(harness, reply.id, 'needs_attention');
    expect(held.attention).toMatchObject({
      reason: 'new_messages',
      count: 1,
      messages: [{ text: 'Cliente ligou: a internet voltou sozinha.' }],
    });
    expect(held.lastError?.message).toBe('1 mensagem nova desde que você escreveu.');
    expect(held.payload).toEqual({ text });
    expect(serverTexts(sim, protocol)).not.toContain(text);
    // The ticket shows what the look found, and the held reply still as pending.
    const ticket = await harness.store.getTicket(key);
    expect(ticket?.messages.map((m) => [m.text, m.pending])).toEqual(
      expect.arrayContaining([
        ['Cliente ligou: a internet voltou sozinha.', false],
        [text, true],
      ]),
    );

    // "Enviar mesmo assim" sends without a second look, even though a third person wrote since.
    await writeAsOtherAgent(sim, protocol, 'Supervisor: aguardando retorno do cliente.');
    await outbox.retry(reply.id);
    const sent = await waitForState(harness, reply.id, 'sent');
    expect(sent.attention).toBeNull();
    expect(messageCounts(sim).get(text)).toBe(1);
  }, 40_000);

  it('does not count the agent’s own messages: a reply sent just before the waited one does not hold it', async () => {
    const { sim, harness, protocol, key, actions } = await setUp(42);
    // The first goes without a look (fresh, online); the second, queued offline, is looked at and
    // finds the first on the server, above what the cache had when it was written.
    const first = await actions.reply(key, 'Primeira orientação ao cliente.');
    await goOffline(harness);
    const second = await actions.reply(key, 'Segunda orientação, depois da primeira.');
    harness.sender.start();
    await comeBackOnline(harness);

    await waitForState(harness, first.id, 'sent');
    await waitForState(harness, second.id, 'sent');
    expect(serverTexts(sim, protocol).slice(-2)).toEqual([
      'Primeira orientação ao cliente.',
      'Segunda orientação, depois da primeira.',
    ]);
  }, 40_000);

  it('holds each reply queued behind a held one in turn, since neither was written knowing the new message', async () => {
    const { sim, harness, protocol, key, actions, outbox } = await setUp(47);
    await goOffline(harness);
    const first = await actions.reply(key, 'Vou verificar o sinal da sua fibra.');
    const second = await actions.reply(key, 'Se precisar, agendo uma visita.');
    await writeAsOtherAgent(sim, protocol, 'Cliente: já está tudo certo.');
    harness.sender.start();
    await comeBackOnline(harness);

    await waitForState(harness, first.id, 'needs_attention');
    expect((await harness.store.getAction(second.id))?.state).toBe('queued');
    await outbox.retry(first.id);
    await waitForState(harness, first.id, 'sent');
    const held = await waitForState(harness, second.id, 'needs_attention');
    expect(held.attention?.messages.map((m) => m.text)).toEqual(['Cliente: já está tudo certo.']);
    await outbox.retry(second.id);
    await waitForState(harness, second.id, 'sent');
    expect(serverTexts(sim, protocol).slice(-3)).toEqual([
      'Cliente: já está tudo certo.',
      'Vou verificar o sinal da sua fibra.',
      'Se precisar, agendo uma visita.',
    ]);
  }, 40_000);

  it('holds a reply that is over a minute old when its turn comes, and an edit starts from what the agent saw then', async () => {
    // The sender's clock runs two minutes ahead: every action is over a minute old at its turn.
    const { sim, harness, protocol, key, actions, outbox } = await setUp(43, {
      now: () => new Date(Date.now() + 2 * 60_000),
    });
    const reply = await actions.reply(key, 'Vou agendar uma visita técnica.');
    await writeAsOtherAgent(sim, protocol, 'Cliente: não precisa mais de visita.');
    harness.sender.start();
    const held = await waitForState(harness, reply.id, 'needs_attention');
    expect(held.attention?.count).toBe(1);

    // Edited after reading the new message: looked at again, it is not held for that message.
    const edited = 'Certo, cancelei a visita técnica.';
    await outbox.edit(reply.id, { text: edited });
    await waitForState(harness, reply.id, 'sent');
    expect(messageCounts(sim).get(edited)).toBe(1);
    expect(serverTexts(sim, protocol)).not.toContain('Vou agendar uma visita técnica.');
  }, 40_000);

  it('judges by time a ticket whose messages the cache never had: only what came after the agent wrote holds it', async () => {
    const { sim, harness, protocol, key, actions } = await setUp(48);
    const older = sim.state({ protocol })[0]?.messages.length ?? 0;
    expect(older).toBeGreaterThan(0);
    // A server that ignores `relacoes` lists tickets without their messages.
    await harness.store.purgeCache();
    const [cachedKey = key] = await harness.store.upsertRemoteTickets([
      { ...(await harness.client.getTicket(protocol)), messages: null },
    ]);
    expect((await harness.store.getTicket(cachedKey))?.messages).toEqual([]);

    await goOffline(harness);
    const first = await actions.reply(cachedKey, 'Resposta sem ter visto o histórico.');
    harness.sender.start();
    await comeBackOnline(harness);
    await waitForState(harness, first.id, 'sent');

    await goOffline(harness);
    const second = await actions.reply(cachedKey, 'Outra resposta, escrita sem conexão.');
    await writeAsOtherAgent(sim, protocol, 'Cliente: recebi, obrigado.');
    await comeBackOnline(harness);
    const held = await waitForState(harness, second.id, 'needs_attention');
    expect(held.attention?.messages.map((m) => m.text)).toEqual(['Cliente: recebi, obrigado.']);
  }, 40_000);

  it('holds a close queued offline as well; discarded, the ticket stays open on the server', async () => {
    const { sim, harness, protocol, key, actions, outbox } = await setUp(44);
    await goOffline(harness);
    const close = await actions.close(key, {
      description: 'Cliente confirmou que está funcionando.',
      closingStatus: 'concluido',
    });
    await writeAsOtherAgent(sim, protocol, 'Cliente: voltou a cair agora.');
    await writeAsOtherAgent(sim, protocol, 'Cliente: continua sem sinal.');
    harness.sender.start();
    await comeBackOnline(harness);

    const held = await waitForState(harness, close.id, 'needs_attention');
    expect(held.attention?.count).toBe(2);
    expect(held.lastError?.message).toBe('2 mensagens novas desde que você escreveu.');
    await outbox.discard(close.id);
    expect((await harness.store.getAction(close.id))?.state).toBe('discarded');
    expect(sim.state({ protocol })[0]?.closedAt).toBeNull();
    expect((await harness.store.getTicket(key))?.closedAt).toBeNull();
  }, 40_000);

  it('sends a held close edited after reading the new messages with the new closing text', async () => {
    const { sim, harness, protocol, key, actions, outbox } = await setUp(49);
    await goOffline(harness);
    const close = await actions.close(key, {
      description: 'Resolvido.',
      closingStatus: 'concluido',
    });
    await writeAsOtherAgent(sim, protocol, 'Cliente: trocaram o roteador hoje cedo.');
    harness.sender.start();
    await comeBackOnline(harness);
    await waitForState(harness, close.id, 'needs_attention');

    await outbox.edit(close.id, { text: 'Resolvido com a troca do roteador.' });
    await waitForState(harness, close.id, 'sent');
    expect(sim.state({ protocol })[0]?.closingDescription).toBe(
      'Resolvido com a troca do roteador.',
    );
  }, 40_000);

  it('sends a waited reply directly when the agent turned the look off', async () => {
    const { sim, harness, protocol, key, actions, outbox } = await setUp(45);
    expect(await outbox.settings()).toEqual({ lookBeforeSending: true });
    expect(await outbox.setLookBeforeSending(false)).toEqual({ lookBeforeSending: false });
    await goOffline(harness);
    const text = 'Enviando o boleto atualizado.';
    const reply = await actions.reply(key, text);
    await writeAsOtherAgent(sim, protocol, 'Cliente: já paguei ontem.');
    harness.sender.start();
    await comeBackOnline(harness);

    await waitForState(harness, reply.id, 'sent');
    expect(serverTexts(sim, protocol).slice(-2)).toEqual(['Cliente: já paguei ontem.', text]);
    expect(await outbox.settings()).toEqual({ lookBeforeSending: false });
  }, 40_000);

  it('sends a fresh reply (under a minute, never offline) without a look', async () => {
    const { sim, harness, protocol, key, actions } = await setUp(46);
    const text = 'Já verifiquei seu sinal, está normal.';
    const reply = await actions.reply(key, text);
    await writeAsOtherAgent(sim, protocol, 'Cliente: obrigado!');
    harness.sender.start();

    await waitForState(harness, reply.id, 'sent');
    expect(messageCounts(sim).get(text)).toBe(1);
  }, 40_000);
});
