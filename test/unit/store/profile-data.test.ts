import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import { customer, tempDirs } from './fixtures';

const dirs = tempDirs();
let file: string;
let store: StoreCore;

beforeEach(() => {
  file = join(dirs.make(), 'profile.sqlite');
  store = StoreCore.open(file);
});
afterEach(() => {
  store.close();
  dirs.cleanup();
});

function reopen() {
  store.close();
  store = StoreCore.open(file);
}

describe('profile data kept beside the ticket cache', () => {
  it('keeps drafts, settings and sync checkpoints across a restart until discarded', () => {
    store.saveDraft('new-ticket', { serviceId: 9001, description: 'Sem sinal desde ontem' });
    store.setSetting('backfillDays', 90);
    store.setCheckpoint('backfill', { page: 12, window: ['2024-01-01', '2024-03-31'] });
    reopen();
    expect(store.getDraft('new-ticket')?.value).toEqual({
      serviceId: 9001,
      description: 'Sem sinal desde ontem',
    });
    expect(store.getSetting('backfillDays')).toBe(90);
    expect(store.getCheckpoint('backfill')).toEqual({
      page: 12,
      window: ['2024-01-01', '2024-03-31'],
    });
    expect(store.discardDraft('new-ticket')).toBe(true);
    expect(store.getDraft('new-ticket')).toBeNull();
    expect(store.getSetting('missing')).toBeNull();
  });

  it('caches configuration lists with the time they were fetched', () => {
    expect(store.getConfigList('ticketTypes')).toBeNull();
    store.setConfigList('ticketTypes', [{ id: 125, label: 'COMERCIAL', raw: { checklists: [] } }]);
    const list = store.getConfigList('ticketTypes');
    expect(list?.items).toEqual([{ id: 125, label: 'COMERCIAL', raw: { checklists: [] } }]);
    expect(Date.parse(list?.fetchedAt ?? '')).not.toBeNaN();
  });

  it('finds cached customers by document, code, name without accents and phone', () => {
    store.upsertCustomers([
      customer(1, {
        code: 6,
        name: 'José da Conceição',
        document: '86214941081',
        phones: ['(31) 99999-0000'],
        services: [
          { id: 17812, planName: 'COMBO 10 MEGA', status: 'habilitado', address: 'Rua A' },
        ],
      }),
      customer(2, { code: 7, name: 'Maria Souza', document: '12345678000199' }),
    ]);
    const ids = (by: 'document' | 'code' | 'name' | 'phone', term: string) =>
      store.searchCustomers({ by, term }).map((c) => c.id);
    expect(ids('document', '862.149.410-81')).toEqual([1]);
    expect(ids('code', '7')).toEqual([2]);
    expect(ids('name', 'conceicao')).toEqual([1]);
    expect(ids('name', '%')).toEqual([]);
    expect(ids('phone', '99999-0000')).toEqual([1]);
    expect(store.getCustomerByService(17812)?.services).toEqual([
      { id: 17812, planName: 'COMBO 10 MEGA', status: 'habilitado', address: 'Rua A' },
    ]);
  });

  it('keeps staged attachments until they are removed', () => {
    const staged = store.stageAttachment({
      originalName: 'foto roteador.jpg',
      stagedPath: '/perfil/anexos/abc.jpg',
      size: 2048,
      mime: 'image/jpeg',
      sha256: 'a'.repeat(64),
    });
    reopen();
    expect(store.getStagedAttachments([staged.id])).toEqual([staged]);
    expect(store.listStagedAttachments()).toEqual([staged]);
    expect(store.removeStagedAttachment(staged.id)).toBe(true);
    expect(store.listStagedAttachments()).toEqual([]);
  });
});
