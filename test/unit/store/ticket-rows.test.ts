import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import { remoteMessage, remoteTicket, tempDirs } from './fixtures';

const dirs = tempDirs();
let store: StoreCore;

beforeEach(() => {
  store = StoreCore.open(join(dirs.make(), 'profile.sqlite'));
});
afterEach(() => {
  store.close();
  dirs.cleanup();
});

function row(id: number) {
  const item = store.listTickets({ status: 'all' }).items.find((ticket) => ticket.id === id);
  if (!item) throw new Error(`ticket ${id} not listed`);
  return item;
}

describe('inbox rows', () => {
  it('carry the start of the newest message on one line, and when someone else last wrote', () => {
    store.upsertRemoteTickets([
      remoteTicket(1, {
        messages: [
          remoteMessage(10, 1, 'primeira', '2024-01-02T09:00:00.000Z'),
          remoteMessage(11, 1, 'Bom dia!\n\nO técnico   chega às 14h.', '2024-01-02T10:00:00.000Z'),
        ],
      }),
      remoteTicket(2),
    ]);
    expect(row(1).lastMessage).toBe('Bom dia! O técnico chega às 14h.');
    expect(row(1).lastOthersMessageAt).toBe('2024-01-02T10:00:00.000Z');
    expect(row(2).lastMessage).toBeNull();
  });

  it("do not count the agent's own queued reply as news", () => {
    store.upsertRemoteTickets([
      remoteTicket(1, {
        messages: [remoteMessage(10, 1, 'do cliente', '2024-01-02T09:00:00.000Z')],
      }),
    ]);
    store.enqueueAction({ kind: 'reply', ticketKey: 't:1', payload: { text: 'Minha resposta' } });
    expect(row(1).lastMessage).toBe('Minha resposta');
    expect(row(1).lastOthersMessageAt).toBe('2024-01-02T09:00:00.000Z');
  });

  it('say when a reply is left typed in a draft, and stop once the draft is emptied', () => {
    store.upsertRemoteTickets([remoteTicket(1)]);
    expect(row(1).hasReplyDraft).toBe(false);
    store.saveDraft('reply:t:1', 'Vou verificar');
    expect(row(1).hasReplyDraft).toBe(true);
    store.saveDraft('reply:t:1', '');
    expect(row(1).hasReplyDraft).toBe(false);
  });

  it('name the responsible users as the list gave them, without trailing spaces', () => {
    store.upsertRemoteTickets([
      remoteTicket(1, {
        responsibleUserIds: [7, 8],
        raw: {
          id_atendimento: 1,
          usuarios_responsaveis: [
            { id: 7, name: 'Sara Borges ' },
            { id: 8, name: 'Andressa ' },
          ],
        },
      }),
    ]);
    expect(row(1).responsibleNames).toEqual(['Sara Borges', 'Andressa']);
  });
});
