import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import { schemaVersion } from '../../../main/store/migrations';
import { tempDirs } from './fixtures';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

function inspect(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }),
      journal: db.pragma('journal_mode', { simple: true }),
      tables: (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
          name: string;
        }[]
      ).map((t) => t.name),
    };
  } finally {
    db.close();
  }
}

describe('store schema', () => {
  it('creates a new profile file at the current schema version, in WAL mode', () => {
    const file = join(dirs.make(), 'nested', 'profile.sqlite');
    StoreCore.open(file).close();
    const state = inspect(file);
    expect(state.version).toBe(schemaVersion);
    expect(state.journal).toBe('wal');
    for (const table of [
      'tickets',
      'messages',
      'customers',
      'customer_services',
      'config_lists',
      'drafts',
      'outbox',
      'staged_attachments',
      'checkpoints',
      'settings',
      'tickets_fts',
      'messages_fts',
    ]) {
      expect(state.tables).toContain(table);
    }
  });

  it('reopens an existing file without migrating again or losing data', () => {
    const file = join(dirs.make(), 'profile.sqlite');
    const first = StoreCore.open(file);
    first.saveDraft('reply:t:1', { text: 'rascunho' });
    first.close();
    const second = StoreCore.open(file);
    expect(second.getDraft('reply:t:1')?.value).toEqual({ text: 'rascunho' });
    expect(second.openReport.recovered).toBe(false);
    second.close();
    expect(inspect(file).version).toBe(schemaVersion);
  });

  it('refuses a file written by a newer version of the app instead of damaging it', () => {
    const file = join(dirs.make(), 'profile.sqlite');
    StoreCore.open(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${schemaVersion + 1}`);
    db.close();
    expect(() => StoreCore.open(file)).toThrow(expect.objectContaining({ code: 'schema_too_new' }));
  });
});
