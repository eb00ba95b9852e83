import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import { tempDirs } from '../../unit/store/fixtures';
import { corruptMiddle, seedProfile } from './damage';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('damaged database recovery', () => {
  it('sets a damaged file aside and brings back drafts, queued actions and staged files', () => {
    const dir = dirs.make();
    const file = join(dir, 'profile.sqlite');
    const seeded = seedProfile(file);
    corruptMiddle(file);

    const store = StoreCore.open(file, { check: 'full' });
    try {
      expect(store.openReport).toMatchObject({
        recovered: true,
        copied: { drafts: 3, actions: 3, attachments: 1 },
      });
      const damaged = store.openReport.damagedFile ?? '';
      expect(damaged.startsWith(`${file}.damaged-`)).toBe(true);
      expect(existsSync(damaged)).toBe(true);
      expect(readdirSync(dir).filter((name) => name.includes('.damaged-'))).not.toEqual([]);

      expect(store.getDraft('reply:t:1')?.value).toEqual({ text: 'Resposta pela metade' });
      expect(store.getDraft('new-ticket')?.value).toEqual({
        description: 'Formulário de abertura',
      });
      expect(store.listActions().map((a) => [a.id, a.kind, a.state, a.payload])).toEqual(
        seeded.actions.map((a) => [a.id, a.kind, a.state, a.payload]),
      );
      expect(store.listStagedAttachments()).toEqual([seeded.staged]);
      // The offline-created ticket is only on this machine, so it comes back too.
      const created = seeded.actions[2];
      expect(store.getTicket(created?.ticketKey ?? '')?.description).toBe('Aberto sem rede');
      // The server's data is not trusted from a damaged file: sync fetches it again.
      expect(store.listTickets({ status: 'all' }).total).toBe(1);
      expect(store.nextSendableActions(10).map((a) => a.kind)).toEqual([
        'reply',
        'close',
        'create',
      ]);
    } finally {
      store.close();
    }
    const reopened = StoreCore.open(file);
    expect(reopened.openReport.recovered).toBe(false);
    reopened.close();
  });

  it('starts afresh when the file is not a database at all', () => {
    const file = join(dirs.make(), 'profile.sqlite');
    writeFileSync(file, randomBytes(8192));
    const store = StoreCore.open(file);
    expect(store.openReport).toMatchObject({
      recovered: true,
      copied: { drafts: 0, actions: 0, attachments: 0 },
    });
    store.saveDraft('k', 'v');
    expect(store.getDraft('k')?.value).toBe('v');
    store.close();
  });
});
