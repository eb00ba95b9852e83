import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../main/store/client';
import { StoreError } from '../../../main/store/errors';
import { remoteTicket, tempDirs } from '../../unit/store/fixtures';
import { corruptMiddle, seedProfile } from './damage';

const dirs = tempDirs();
const opened: Store[] = [];

async function open(file: string): Promise<Store> {
  const store = await openStore({ file });
  opened.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  dirs.cleanup();
});

describe('store worker', () => {
  // A store closed the moment it opened stops its background checker while it may still be
  // loading SQLite's native binding, which aborted the whole process (a sign-out right after
  // sign-in, or a test's teardown).
  it('can be closed the moment it opened, again and again, without taking the process down', async () => {
    const file = join(dirs.make(), 'profile.sqlite');
    for (let round = 0; round < 15; round++) {
      const store = await openStore({ file });
      // Spread the closes over the first milliseconds, where the checker loads its binding.
      await new Promise((resolve) => setTimeout(resolve, round));
      await store.close();
    }
    const store = await open(file);
    expect(store.openReport.recovered).toBe(false);
  }, 60_000);

  it('answers repository calls from its own thread and keeps the data for the next run', async () => {
    const file = join(dirs.make(), 'profile.sqlite');
    const store = await open(file);
    expect(store.openReport.recovered).toBe(false);
    await store.upsertRemoteTickets([remoteTicket(1), remoteTicket(2)]);
    const action = await store.enqueueAction({
      kind: 'reply',
      ticketKey: 't:1',
      payload: { text: 'Olá, Maria' },
    });
    expect(action).toMatchObject({ kind: 'reply', state: 'queued', ticketKey: 't:1' });
    const page = await store.listTickets({ limit: 1 });
    expect(page.items.map((t) => t.key)).toEqual(['t:2']);
    expect(page.total).toBe(2);
    await store.close();

    const again = await open(file);
    const ticket = await again.getTicket('t:1');
    expect(ticket?.messages.map((m) => [m.text, m.pending])).toEqual([['Olá, Maria', true]]);
    expect(ticket?.pending.map((a) => a.id)).toEqual([action.id]);
  });

  it('matches each answer to its call when many are in flight', async () => {
    const store = await open(join(dirs.make(), 'profile.sqlite'));
    const keys = Array.from({ length: 50 }, (_, i) => `draft-${i}`);
    await Promise.all(keys.map((key, i) => store.saveDraft(key, { n: i })));
    const drafts = await Promise.all(keys.map((key) => store.getDraft(key)));
    expect(drafts.map((d) => d?.value)).toEqual(keys.map((_, i) => ({ n: i })));
  });

  it('sends failures back as a code and a message, and keeps serving afterwards', async () => {
    const store = await open(join(dirs.make(), 'profile.sqlite'));
    const failure = await store
      .enqueueAction({ kind: 'reply', ticketKey: 't:404', payload: { text: 'oi' } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect(failure).toMatchObject({
      code: 'not_found',
      message: 'Atendimento não encontrado no cache local.',
    });
    await expect(store.listTickets({ cursor: 'lixo' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await store.getSetting('x')).toBeNull();
  });

  it('refuses calls once closed', async () => {
    const store = await open(join(dirs.make(), 'profile.sqlite'));
    await store.close();
    await expect(store.getDraft('x')).rejects.toMatchObject({ code: 'store_closed' });
    await store.close();
  });

  it('reports a rebuilt file so the agent can be told', async () => {
    const file = join(dirs.make(), 'profile.sqlite');
    writeFileSync(file, randomBytes(8192));
    const store = await open(file);
    expect(store.openReport.recovered).toBe(true);
    expect(store.openReport.damagedFile).toMatch(/profile\.sqlite\.damaged-/);
  });

  it('fails to open with a code when the file cannot be created', async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    await expect(
      openStore({ file: join(dir, 'not-a-folder', 'profile.sqlite') }),
    ).rejects.toMatchObject({ code: 'storage_failed' });
  });
});

describe('store integrity in the background', () => {
  it('reports a healthy file after checking all of it', async () => {
    const store = await open(join(dirs.make(), 'profile.sqlite'));
    expect(await store.integrity).toBe('healthy');
  });

  it('finds damage the quick open check skipped, and the next open rebuilds the file', async () => {
    const file = join(dirs.make(), 'profile.sqlite');
    seedProfile(file);
    corruptMiddle(file);
    const first = await open(file);
    expect(first.openReport.recovered).toBe(false);
    expect(await first.integrity).toBe('damaged');
    await first.close();

    const second = await open(file);
    expect(second.openReport).toMatchObject({
      recovered: true,
      copied: { drafts: 3, actions: 3, attachments: 1 },
    });
    expect(await second.getDraft('reply:t:1')).toMatchObject({
      value: { text: 'Resposta pela metade' },
    });
  });
});
