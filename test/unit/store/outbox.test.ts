import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import { customer, remoteMessage, remoteTicket, tempDirs } from './fixtures';

const dirs = tempDirs();
let file: string;
let store: StoreCore;
let clock: Date;

const open = { id: 23, prefix: 'aguardando_analise', label: 'Aguardando Análise' };
const resolved = { id: 30, prefix: 'resolvido', label: 'Resolvido' };
const serverError = { code: 'business', message: 'Atendimento já fechado.' };

beforeEach(() => {
  clock = new Date('2024-06-01T12:00:00.000Z');
  file = join(dirs.make(), 'profile.sqlite');
  store = StoreCore.open(file, { now: () => clock });
  store.setConfigList('ticketStatuses', [
    { id: 23, label: open.label, raw: { prefixo: open.prefix } },
    { id: 30, label: resolved.label, raw: { prefixo: resolved.prefix } },
    { id: 31, label: 'Em análise', raw: { prefixo: 'em_analise' } },
  ]);
  store.upsertRemoteTickets([remoteTicket(1), remoteTicket(2)]);
});
afterEach(() => {
  store.close();
  dirs.cleanup();
});

function reply(ticketKey: string, text: string) {
  return store.enqueueAction({ kind: 'reply', ticketKey, payload: { text } });
}

describe('outbox and local changes', () => {
  it('shows a queued reply as a pending message that survives a refresh of the server copy', () => {
    const action = reply('t:1', 'Estamos verificando.');
    store.upsertTicketDetail(
      remoteTicket(1, { messages: [remoteMessage(10, 1, 'Abertura', '2024-05-01T10:00:00Z')] }),
    );
    const ticket = store.getTicket('t:1');
    expect(ticket?.messages.map((m) => [m.text, m.pending])).toEqual([
      ['Abertura', false],
      ['Estamos verificando.', true],
    ]);
    expect(ticket?.pending.map((a) => a.id)).toEqual([action.id]);
    expect(ticket?.pendingCount).toBe(1);
    expect(action).toMatchObject({ kind: 'reply', state: 'queued', attempts: 0, ticketKey: 't:1' });
  });

  it('keeps a pending status change on top of newer server pages until it is sent', () => {
    const action = store.enqueueAction({
      kind: 'update',
      ticketKey: 't:1',
      payload: { statusId: 30 },
    });
    expect(store.getTicket('t:1')?.status).toEqual(resolved);

    store.upsertRemoteTickets([remoteTicket(1, { sla: { remaining: '1h', percentRemaining: 5 } })]);
    const refreshed = store.getTicket('t:1');
    expect(refreshed?.status).toEqual(resolved);
    expect(refreshed?.sla.percentRemaining).toBe(5);

    store.markActionSending(action.id);
    store.markActionSent(action.id);
    expect(store.getTicket('t:1')?.status).toEqual(resolved);
    store.upsertRemoteTickets([remoteTicket(1, { statusId: 30, status: resolved })]);
    expect(store.getTicket('t:1')).toMatchObject({ status: resolved, pending: [] });
  });

  it('undoes a refused change back to what the server has now, keeping the payload', () => {
    const action = store.enqueueAction({
      kind: 'update',
      ticketKey: 't:1',
      payload: { statusId: 30, description: 'Novo texto' },
    });
    store.upsertRemoteTickets([
      remoteTicket(1, {
        statusId: 31,
        status: { id: 31, prefix: 'em_analise', label: 'Em análise' },
      }),
    ]);
    store.markActionSending(action.id);
    const failed = store.markActionFailed(action.id, serverError);
    expect(failed).toMatchObject({
      state: 'failed',
      lastError: serverError,
      payload: { statusId: 30, description: 'Novo texto' },
    });
    expect(store.getTicket('t:1')).toMatchObject({ status: { id: 31 }, description: null });
  });

  it('removes a refused reply from the history but keeps its text, and brings it back on retry', () => {
    const action = reply('t:1', 'Texto importante');
    store.markActionSending(action.id);
    store.markActionFailed(action.id, serverError);
    expect(store.getTicket('t:1')?.messages).toEqual([]);
    expect(store.getAction(action.id)?.payload).toEqual({ text: 'Texto importante' });

    const retried = store.retryAction(action.id, { text: 'Texto corrigido' });
    expect(retried).toMatchObject({ state: 'queued', attempts: 0, lastError: null });
    expect(store.getTicket('t:1')?.messages.map((m) => [m.text, m.pending])).toEqual([
      ['Texto corrigido', true],
    ]);
  });

  it('what is left to send is read without the finished history, so one unreadable old action stops nothing', () => {
    const old = reply('t:1', 'Enviado há um ano.');
    store.markActionSending(old.id);
    store.markActionSent(old.id);
    const waiting = reply('t:2', 'Ainda na fila.');
    // A finished row the current parser cannot read (a payload an older version wrote).
    const db = new Database(file);
    db.prepare("UPDATE outbox SET payload = '{' WHERE id = ?").run(old.id);
    db.close();
    const unfinished = store.listActions({
      states: ['queued', 'sending', 'failed', 'needs_attention'],
    });
    expect(unfinished.map((action) => action.id)).toEqual([waiting.id]);
  });

  it('the outbox screen gets every unfinished action and only the newest finished ones', () => {
    const sent = [1, 2, 3, 4].map((n) => {
      const action = reply(`t:${(n % 2) + 1}`, `Resposta ${n}`);
      store.markActionSending(action.id);
      return store.markActionSent(action.id);
    });
    const waiting = reply('t:1', 'Ainda na fila.');
    const failed = reply('t:2', 'Recusada.');
    store.markActionSending(failed.id);
    store.markActionFailed(failed.id, serverError);
    // The oldest finished row cannot even be parsed: it is past the limit, so it is never read.
    const db = new Database(file);
    db.prepare("UPDATE outbox SET payload = '{' WHERE id = ?").run(sent[0]?.id);
    db.close();
    expect(store.listRecentActions(2).map((action) => [action.id, action.state])).toEqual([
      [sent[2]?.id, 'sent'],
      [sent[3]?.id, 'sent'],
      [waiting.id, 'queued'],
      [failed.id, 'failed'],
    ]);
  });

  it('writes nothing when the transaction fails after the local change was applied', () => {
    const db = new Database(file);
    db.exec(`CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox
             BEGIN SELECT RAISE(ABORT, 'disco cheio'); END`);
    store.saveDraft('reply:t:1', { text: 'Rascunho' });
    expect(() =>
      store.enqueueAction(
        { kind: 'reply', ticketKey: 't:1', payload: { text: 'Rascunho' } },
        { discardDraft: 'reply:t:1' },
      ),
    ).toThrow(/disco cheio/);
    expect(() =>
      store.enqueueAction({ kind: 'update', ticketKey: 't:2', payload: { statusId: 30 } }),
    ).toThrow(/disco cheio/);
    db.exec('DROP TRIGGER refuse_outbox');
    db.close();

    expect(store.getTicket('t:1')?.messages).toEqual([]);
    expect(store.getTicket('t:2')?.status).toEqual(open);
    expect(store.listActions()).toEqual([]);
    expect(store.getDraft('reply:t:1')?.value).toEqual({ text: 'Rascunho' });
  });

  it('deletes the draft in the same transaction that queues its action', () => {
    store.saveDraft('reply:t:1', { text: 'Olá' });
    reply('t:1', 'Olá');
    store.enqueueAction(
      { kind: 'reply', ticketKey: 't:2', payload: { text: 'Oi' } },
      { discardDraft: 'reply:t:2' },
    );
    store.saveDraft('reply:t:2', { text: 'Oi' });
    store.enqueueAction(
      { kind: 'reply', ticketKey: 't:2', payload: { text: 'Oi' } },
      { discardDraft: 'reply:t:2' },
    );
    expect(store.getDraft('reply:t:1')).not.toBeNull();
    expect(store.getDraft('reply:t:2')).toBeNull();
  });

  it('sends in order per ticket, one at a time per ticket, several tickets at once', () => {
    const first = reply('t:1', 'primeira');
    const second = reply('t:1', 'segunda');
    const close = store.enqueueAction({
      kind: 'close',
      ticketKey: 't:2',
      payload: { reasonId: 4 },
    });
    expect(store.nextSendableActions(10).map((a) => a.id)).toEqual([first.id, close.id]);

    store.markActionSending(first.id);
    expect(store.nextSendableActions(10).map((a) => a.id)).toEqual([close.id]);
    store.markActionSent(first.id, { messageId: 77 });
    expect(store.nextSendableActions(10).map((a) => a.id)).toEqual([second.id, close.id]);
    expect(store.nextSendableActions(1).map((a) => a.id)).toEqual([second.id]);
    const messages = store.getTicket('t:1')?.messages ?? [];
    expect(messages.map((m) => [m.id, m.text, m.pending])).toEqual([
      [77, 'primeira', false],
      [null, 'segunda', true],
    ]);
  });

  it('holds later actions behind a failed one until the agent retries or discards it', () => {
    const first = reply('t:1', 'primeira');
    const second = reply('t:1', 'segunda');
    store.markActionSending(first.id);
    store.markActionFailed(first.id, serverError);
    expect(store.nextSendableActions(10)).toEqual([]);
    store.discardAction(first.id);
    expect(store.nextSendableActions(10).map((a) => a.id)).toEqual([second.id]);
  });

  it('waits out a retry delay, and a wait for the network costs no attempt', () => {
    const action = reply('t:1', 'oi');
    store.markActionSending(action.id);
    const offline = store.scheduleActionRetry(action.id, {
      error: { code: 'offline', message: 'Sem conexão' },
      nextAttemptAt: '2024-06-01T12:05:00.000Z',
      countAttempt: false,
    });
    expect(offline).toMatchObject({ attempts: 0, firstFailedAt: null, state: 'queued' });
    expect(store.nextSendableActions(10)).toEqual([]);
    clock = new Date('2024-06-01T12:05:00.000Z');
    expect(store.nextSendableActions(10).map((a) => a.id)).toEqual([action.id]);

    store.markActionSending(action.id);
    const timedOut = store.scheduleActionRetry(action.id, {
      error: { code: 'timeout', message: 'Tempo esgotado' },
      nextAttemptAt: '2024-06-01T12:06:00.000Z',
      countAttempt: true,
    });
    expect(timedOut).toMatchObject({ attempts: 1, firstFailedAt: '2024-06-01T12:05:00.000Z' });
  });

  it('creates a ticket offline, then moves it and its replies onto the server id', () => {
    store.upsertCustomers([
      customer(700, {
        name: 'Carla Dias',
        document: '11122233344',
        services: [{ id: 9001, planName: 'Fibra 300', status: 'ativo', address: null }],
      }),
    ]);
    const create = store.enqueueAction({
      kind: 'create',
      payload: {
        serviceId: 9001,
        description: 'Sem internet',
        name: 'Carla',
        phone: '31999990000',
      },
    });
    const key = create.ticketKey;
    expect(key).toMatch(/^local:/);
    const followUp = reply(key, 'Segue foto do roteador');
    expect(followUp.dependsOn).toBe(create.id);
    expect(store.getTicket(key)).toMatchObject({
      id: null,
      protocol: null,
      customer: { id: 700, name: 'Carla Dias', document: '11122233344' },
      description: 'Sem internet',
    });
    expect(store.nextSendableActions(10).map((a) => a.id)).toEqual([create.id]);

    store.markActionSending(create.id);
    store.markActionSent(create.id, { ticket: { id: 900, protocol: '20240601120000000001' } });
    expect(store.findTicketKey(900)).toBe(key);
    expect(store.nextSendableActions(10).map((a) => a.id)).toEqual([followUp.id]);

    store.upsertRemoteTickets([
      remoteTicket(900, { protocol: '20240601120000000001', description: 'Sem internet' }),
    ]);
    const listed = store.listTickets({ search: '20240601' }).items;
    expect(listed.map((t) => [t.key, t.id])).toEqual([[key, 900]]);
    expect(store.getTicket(key)?.messages.map((m) => m.text)).toEqual(['Segue foto do roteador']);
  });

  it('folds a copy sync fetched before the create answered into the offline ticket', () => {
    const create = store.enqueueAction({
      kind: 'create',
      payload: { serviceId: 1, description: 'Sem sinal', name: 'X', phone: '1' },
    });
    store.upsertRemoteTickets([remoteTicket(901, { protocol: '20240601120000000002' })]);
    store.markActionSending(create.id);
    store.markActionSent(create.id, { ticket: { id: 901, protocol: '20240601120000000002' } });
    const matches = store.listTickets({ search: '20240601120000000002' });
    expect(matches.items.map((t) => [t.key, t.id])).toEqual([[create.ticketKey, 901]]);
    expect(store.getTicket('t:901')).toBeNull();
  });

  it('discarding an offline create discards what was queued on that ticket and removes it', () => {
    const create = store.enqueueAction({
      kind: 'create',
      payload: { serviceId: 1, description: 'Teste', name: 'X', phone: '1' },
    });
    const followUp = reply(create.ticketKey, 'depois');
    store.discardAction(create.id);
    expect(store.getAction(followUp.id)?.state).toBe('discarded');
    expect(store.getTicket(create.ticketKey)).toBeNull();
    expect(store.nextSendableActions(10)).toEqual([]);
  });

  it('refuses impossible transitions and malformed actions with a code', () => {
    const action = reply('t:1', 'oi');
    expect(() => store.markActionSent(action.id)).toThrow(
      expect.objectContaining({ code: 'invalid_state' }),
    );
    expect(() => store.undoLocalChange(action.id)).toThrow(
      expect.objectContaining({ code: 'invalid_state' }),
    );
    expect(() => reply('t:1', '')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => reply('t:404', 'oi')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => store.markActionSending(9999)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });
});
