/** A profile file with the agent's unsent work in it, and a way to damage it. */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { StoreCore } from '../../../main/store/core';
import { remoteMessage, remoteTicket } from '../../unit/store/fixtures';

/** A profile with the agent's unsent work first, then enough cached tickets to fill pages. */
export function seedProfile(file: string) {
  const store = StoreCore.open(file);
  store.upsertRemoteTickets([remoteTicket(1), remoteTicket(2)]);
  store.saveDraft('reply:t:1', { text: 'Resposta pela metade' });
  store.saveDraft('reply:t:2', { text: 'Outra resposta' });
  store.saveDraft('new-ticket', { description: 'Formulário de abertura' });
  const reply = store.enqueueAction({
    kind: 'reply',
    ticketKey: 't:1',
    payload: { text: 'Já enviamos um técnico' },
  });
  const close = store.enqueueAction({ kind: 'close', ticketKey: 't:2', payload: { reasonId: 3 } });
  const create = store.enqueueAction({
    kind: 'create',
    payload: { serviceId: 5, description: 'Aberto sem rede', name: 'Ana', phone: '31988887777' },
  });
  const staged = store.stageAttachment({
    originalName: 'contrato.pdf',
    stagedPath: '/perfil/anexos/contrato.pdf',
    size: 10,
    mime: 'application/pdf',
    sha256: 'b'.repeat(64),
  });
  for (let page = 0; page < 20; page += 1) {
    store.upsertRemoteTickets(
      Array.from({ length: 100 }, (_, i) => {
        const id = 1000 + page * 100 + i;
        return remoteTicket(id, {
          description: `Cliente relata lentidão na conexão, atendimento número ${id}. `.repeat(4),
          messages: [
            remoteMessage(id * 10, id, `Mensagem de acompanhamento ${id}`, '2024-02-01T00:00:00Z'),
          ],
        });
      }),
    );
  }
  store.close();
  return { actions: [reply, close, create], staged };
}

export function corruptMiddle(file: string) {
  const size = statSync(file).size;
  const pageSize = 4096;
  const offset = Math.floor(size / 2 / pageSize) * pageSize;
  const fd = openSync(file, 'r+');
  writeSync(fd, randomBytes(16 * pageSize), 0, 16 * pageSize, offset);
  closeSync(fd);
}
