import { afterEach, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { createAttachmentsService } from '../../../main/api/attachments-service';
import { createOutboxService } from '../../../main/api/outbox-service';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import type { OutboxAction } from '../../../main/store/types';
import {
  cacheTickets,
  settled,
  startHarness,
  waitFor,
  workableTickets,
  type Harness,
} from './harness';

const goneMessage = 'Este atendimento foi excluído no HubSoft; a ação não pôde ser enviada.';

const sims: RunningSimulator[] = [];
const harnesses: Harness[] = [];

async function setUp(seed: number): Promise<{ sim: RunningSimulator; harness: Harness }> {
  const sim = await startSimulator({ port: 0, seed, tickets: 200 });
  sims.push(sim);
  const harness = await startHarness(sim, { timeoutMs: 1_500 });
  harnesses.push(harness);
  return { sim, harness };
}

afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
  for (const sim of sims.splice(0)) await sim.close();
});

async function deleteOnServer(sim: RunningSimulator, protocol: string): Promise<void> {
  const answer = await fetch(`${sim.url}/__sim/delete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ protocol }),
  });
  expect(answer.status).toBe(200);
}

/** Queues one action of each kind, each on its own ticket, and answers them by kind. */
async function queueOneOfEachKind(
  harness: Harness,
  keys: string[],
): Promise<Record<'reply' | 'close' | 'update' | 'attach', OutboxAction>> {
  const [replyKey, closeKey, updateKey, attachKey] = keys;
  const actions = createActionsService(harness.current);
  const staged = await createAttachmentsService(harness.current).stage({
    name: 'laudo.pdf',
    mimeType: 'application/pdf',
    base64: Buffer.from('%PDF-1.4 laudo da visita\n').toString('base64'),
  });
  return {
    reply: await actions.reply(replyKey ?? '', 'Pode reiniciar o roteador, por favor?'),
    close: await actions.close(closeKey ?? '', {
      description: 'Sinal normalizado após troca do conector',
      closingStatus: 'concluido',
    }),
    update: await actions.update(updateKey ?? '', { description: 'Cliente sem sinal na ONU' }),
    attach: await actions.attach(attachKey ?? '', [staged.id]),
  };
}

describe('actions on a ticket deleted on the server', () => {
  it('fail with a clear message, once, keeping the typed text, for every kind of action', async () => {
    const { sim, harness } = await setUp(31);
    const targets = workableTickets(sim, 4);
    const protocols = targets.map((ticket) => ticket.protocol);
    const cached = await cacheTickets(harness.store, harness.client, protocols);
    const keys = protocols.map((protocol) => cached.get(protocol) ?? '');
    const queued = await queueOneOfEachKind(harness, keys);
    for (const protocol of protocols) await deleteOnServer(sim, protocol);

    harness.sender.start();
    const final = await settled(harness.store, 20_000);

    for (const kind of ['reply', 'close', 'update', 'attach'] as const) {
      const action = final.find((candidate) => candidate.id === queued[kind].id);
      expect(action, kind).toMatchObject({
        state: 'failed',
        lastError: { message: goneMessage },
      });
      // Each was sent at most once: the read-back found the ticket gone, nothing went out again.
      expect(action?.attempts, kind).toBeLessThanOrEqual(1);
    }
    expect(final.find((a) => a.id === queued.reply.id)?.payload).toEqual({
      text: 'Pode reiniciar o roteador, por favor?',
    });
    expect(final.find((a) => a.id === queued.close.id)?.payload).toMatchObject({
      description: 'Sinal normalizado após troca do conector',
    });
    // The pending reply is taken back from the timeline; its text stays on the failed action.
    const replied = await harness.store.getTicket(keys[0] ?? '');
    expect(replied?.messages.some((m) => m.text === 'Pode reiniciar o roteador, por favor?')).toBe(
      false,
    );
  }, 40_000);

  it('fail without a write once sync found the ticket gone, and the ticket leaves the cache when they are discarded', async () => {
    const { sim, harness } = await setUp(32);
    const [target] = workableTickets(sim, 1);
    const protocol = target?.protocol ?? '';
    const key = (await cacheTickets(harness.store, harness.client, [protocol])).get(protocol) ?? '';
    const actions = createActionsService(harness.current);
    const reply = await actions.reply(key, 'Técnico a caminho');
    const update = await actions.update(key, { description: 'Sem sinal desde ontem' });
    await deleteOnServer(sim, protocol);
    const workspace = harness.current();
    await expect(workspace.sync.refreshTicket(key)).rejects.toMatchObject({ kind: 'not_found' });
    const changedBefore = sim.state({ only: 'changed' }).length;

    harness.sender.start();
    const outbox = createOutboxService(harness.current);
    await settled(harness.store, 10_000);
    expect(await harness.store.getAction(reply.id)).toMatchObject({
      state: 'failed',
      attempts: 0,
      lastError: { message: goneMessage },
    });
    await outbox.discard(reply.id);
    await waitFor(
      async () => (await harness.store.getAction(update.id))?.state === 'failed',
      10_000,
      () => 'the update behind the discarded reply to fail',
    );
    expect(await harness.store.getAction(update.id)).toMatchObject({
      attempts: 0,
      lastError: { message: goneMessage },
    });
    expect(sim.state({ only: 'changed' })).toHaveLength(changedBefore);

    await outbox.discard(update.id);
    expect(await harness.store.getTicket(key)).not.toBeNull();
    const status = await workspace.sync.runNow();
    expect(status.lastError).toBeNull();
    expect(await harness.store.getTicket(key)).toBeNull();
  }, 40_000);
});
