import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { createDraftsService } from '../../../main/api/drafts-service';
import { createOutboxService } from '../../../main/api/outbox-service';
import { openStore } from '../../../main/store/client';
import { remoteTicket } from '../store/fixtures';
import { openLocalWorkspace, type LocalWorkspace } from './workspace';

let local: LocalWorkspace;

beforeEach(async () => {
  local = await openLocalWorkspace();
  await local.store.upsertRemoteTickets([
    remoteTicket(1),
    remoteTicket(2, { closedAt: '2024-02-01T12:00:00.000Z' }),
  ]);
});

afterEach(async () => {
  await local.close();
});

describe('drafts', () => {
  it('keeps what the agent typed across a restart until it is discarded', async () => {
    const drafts = createDraftsService(local.current);
    await drafts.save('reply:t:1', { text: 'Bom dia, Sr. José' });
    await local.store.close();
    local.store = await openStore({ file: local.current().profile.cacheFile });
    const reopened = createDraftsService(() => ({ ...local.current(), store: local.store }));
    expect(await reopened.get('reply:t:1')).toMatchObject({ value: { text: 'Bom dia, Sr. José' } });
    expect(await reopened.discard('reply:t:1')).toBeNull();
    expect(await reopened.get('reply:t:1')).toBeNull();
  });
});

describe('queuing actions', () => {
  it('shows a reply as pending and deletes its draft only once the reply is queued', async () => {
    const drafts = createDraftsService(local.current);
    const actions = createActionsService(local.current);
    await drafts.save('reply:t:1', { text: 'Já verificamos a sua conexão' });
    await drafts.save('reply:t:2', { text: 'Texto para um atendimento fechado' });

    const action = await actions.reply('t:1', 'Já verificamos a sua conexão');
    expect(action).toMatchObject({ kind: 'reply', state: 'queued', ticketKey: 't:1' });
    expect(await drafts.get('reply:t:1')).toBeNull();
    const ticket = await local.store.getTicket('t:1');
    expect(ticket?.messages.map((m) => [m.text, m.pending])).toEqual([
      ['Já verificamos a sua conexão', true],
    ]);

    await expect(actions.reply('t:2', 'Texto para um atendimento fechado')).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Este atendimento está fechado: não é possível responder a ele.',
    });
    expect(await drafts.get('reply:t:2')).not.toBeNull();
  });

  it('queues a reply and its files as one unit: both with the draft gone, or neither', async () => {
    const drafts = createDraftsService(local.current);
    const actions = createActionsService(local.current);
    const staged = await local.store.stageAttachment({
      originalName: 'print-da-tela.png',
      stagedPath: '/perfil/anexos/print-da-tela.png',
      size: 10,
      mime: 'image/png',
      sha256: 'c'.repeat(64),
    });
    await drafts.save('reply:t:1', { text: 'Segue o print do erro' });

    await expect(
      actions.reply('t:1', 'Segue o print do erro', [staged.id, 'nao-existe']),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await local.store.listActions()).toEqual([]);
    expect(await drafts.get('reply:t:1')).not.toBeNull();
    expect((await local.store.getTicket('t:1'))?.messages).toEqual([]);

    const reply = await actions.reply('t:1', 'Segue o print do erro', [staged.id]);
    expect(reply).toMatchObject({ kind: 'reply', payload: { text: 'Segue o print do erro' } });
    expect((await local.store.listActions()).map((a) => [a.kind, a.payload])).toEqual([
      ['reply', { text: 'Segue o print do erro' }],
      ['attach', { stagedIds: [staged.id] }],
    ]);
    expect(await drafts.get('reply:t:1')).toBeNull();
  });

  it('refuses changes to closed tickets and to tickets it does not know', async () => {
    const actions = createActionsService(local.current);
    await expect(actions.close('t:2', {})).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(actions.update('t:2', { statusId: 25 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(actions.reply('t:404', 'Olá')).rejects.toMatchObject({ code: 'not_found' });
    await expect(actions.attach('t:1', ['nao-existe'])).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await local.store.listActions()).toEqual([]);
  });

  it('opens a ticket locally and clears the new-ticket form draft', async () => {
    const drafts = createDraftsService(local.current);
    await drafts.save('new-ticket', { description: 'Sem internet' });
    const action = await createActionsService(local.current).create({
      serviceId: 17_001,
      description: 'Sem internet',
      name: 'Carla',
      phone: '11912345678',
    });
    expect(action.ticketKey).toMatch(/^local:/);
    expect(await drafts.get('new-ticket')).toBeNull();
    expect(await local.store.getTicket(action.ticketKey)).toMatchObject({
      id: null,
      description: 'Sem internet',
    });
  });
});

describe('the outbox area', () => {
  it('takes a discarded reply off the ticket, and refuses to discard a sent one', async () => {
    const actions = createActionsService(local.current);
    const outbox = createOutboxService(local.current);
    const discarded = await actions.reply('t:1', 'Mensagem que não vai mais');
    expect(await outbox.discard(discarded.id)).toMatchObject({ state: 'discarded' });
    expect((await local.store.getTicket('t:1'))?.messages).toEqual([]);

    const sent = await actions.reply('t:1', 'Mensagem entregue');
    await local.store.markActionSending(sent.id);
    await local.store.markActionSent(sent.id, { messageId: 99 });
    await expect(outbox.discard(sent.id)).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Uma ação já enviada não pode ser descartada.',
    });
    expect((await outbox.list()).map((a) => [a.id, a.state])).toEqual([
      [discarded.id, 'discarded'],
      [sent.id, 'sent'],
    ]);
  });

  it('lets the agent edit the text of a failed reply and send it again', async () => {
    const actions = createActionsService(local.current);
    const outbox = createOutboxService(local.current);
    const action = await actions.reply('t:1', 'Texto com erro de digitaçao');
    await expect(outbox.retry(action.id)).rejects.toMatchObject({ code: 'invalid_input' });
    await local.store.markActionSending(action.id);
    await local.store.markActionFailed(action.id, { code: 'validation', message: 'Recusado.' });
    expect((await local.store.getTicket('t:1'))?.messages).toEqual([]);

    const edited = await outbox.edit(action.id, { text: 'Texto corrigido' });
    expect(edited).toMatchObject({ state: 'queued', payload: { text: 'Texto corrigido' } });
    expect((await local.store.getTicket('t:1'))?.messages.map((m) => [m.text, m.pending])).toEqual([
      ['Texto corrigido', true],
    ]);
  });

  it('refuses to edit actions that have no text', async () => {
    const update = await createActionsService(local.current).update('t:1', { statusId: 25 });
    await local.store.markActionSending(update.id);
    await local.store.markActionFailed(update.id, { code: 'validation', message: 'Recusado.' });
    await expect(
      createOutboxService(local.current).edit(update.id, { text: 'qualquer' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
