import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import { newMessagesError } from '../../../main/store/look-before';
import { migrations, outboxLookBefore } from '../../../main/store/migrations';
import { remoteMessage, remoteTicket, tempDirs } from './fixtures';

const dirs = tempDirs();
let file: string;
let store: StoreCore;

beforeEach(() => {
  file = join(dirs.make(), 'profile.sqlite');
  store = StoreCore.open(file);
  store.upsertTicketDetail(
    remoteTicket(7, {
      messages: [
        remoteMessage(501, 7, 'Cliente sem sinal', '2024-01-02T10:00:00.000Z'),
        remoteMessage(509, 7, 'Técnico a caminho', '2024-01-02T11:00:00.000Z'),
      ],
    }),
  );
});
afterEach(() => {
  store.close();
  dirs.cleanup();
});

/** The look holds an action the way the sender does: marked sending, then needing the agent. */
function holdForNewMessages(id: number): void {
  store.markActionSending(id);
  store.markActionNeedsAttention(
    id,
    newMessagesError([{ id: 600, text: 'Cliente: voltou', createdAt: '2024-01-03T09:00:00.000Z' }]),
  );
}

describe('what the agent had seen when writing', () => {
  it('is kept with a reply or a close as the newest cached message and whether the app was offline', () => {
    const reply = store.enqueueAction(
      { kind: 'reply', ticketKey: 't:7', payload: { text: 'Pode reiniciar?' } },
      { offline: true },
    );
    expect(store.getActionLookBaseline(reply.id)).toMatchObject({
      seenMessageId: 509,
      offline: true,
      approved: false,
    });
    const update = store.enqueueAction({
      kind: 'update',
      ticketKey: 't:7',
      payload: { description: 'Sem sinal na ONU' },
    });
    expect(store.getActionLookBaseline(update.id)).toBeNull();
  });

  it('shows a held action with its reason, count and messages; sending anyway skips the next look', () => {
    const reply = store.enqueueAction({
      kind: 'reply',
      ticketKey: 't:7',
      payload: { text: 'Pode reiniciar?' },
    });
    holdForNewMessages(reply.id);
    expect(store.getAction(reply.id)?.attention).toEqual({
      reason: 'new_messages',
      count: 1,
      messages: [{ id: 600, text: 'Cliente: voltou', createdAt: '2024-01-03T09:00:00.000Z' }],
    });

    const retried = store.retryAction(reply.id);
    expect(retried.attention).toBeNull();
    expect(store.getActionLookBaseline(reply.id)?.approved).toBe(true);
  });

  it('starts again from the cache as it is when the agent edits the held text', () => {
    const reply = store.enqueueAction(
      { kind: 'reply', ticketKey: 't:7', payload: { text: 'Pode reiniciar?' } },
      { offline: true },
    );
    holdForNewMessages(reply.id);
    // What the look fetched is in the cache by the time the agent edits.
    store.upsertTicketDetail(
      remoteTicket(7, {
        messages: [
          remoteMessage(509, 7, 'Técnico a caminho', '2024-01-02T11:00:00.000Z'),
          remoteMessage(600, 7, 'Cliente: voltou', '2024-01-03T09:00:00.000Z'),
        ],
      }),
    );
    store.retryAction(reply.id, { text: 'Que bom que voltou!' }, { offline: false });
    expect(store.getActionLookBaseline(reply.id)).toMatchObject({
      seenMessageId: 600,
      offline: false,
      approved: false,
    });
  });

  it('is absent for actions queued before the look existed, and the file migrates with them', () => {
    const reply = store.enqueueAction({
      kind: 'reply',
      ticketKey: 't:7',
      payload: { text: 'Pode reiniciar?' },
    });
    store.close();
    // The file as the version before the look left it; opening it migrates.
    const db = new Database(file);
    db.exec('ALTER TABLE outbox DROP COLUMN look_before');
    db.pragma(`user_version = ${migrations.indexOf(outboxLookBefore)}`);
    db.close();
    store = StoreCore.open(file);

    expect(store.getAction(reply.id)?.payload).toEqual({ text: 'Pode reiniciar?' });
    expect(store.getActionLookBaseline(reply.id)).toBeNull();
  });
});
