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

describe('the outbox table, rebuilt so the action registry decides its kinds', () => {
  it('keeps every action and its id, never reuses an id, and takes a kind added since', async () => {
    const { migrations } = await import('../../../main/store/migrations');
    const file = join(dirs.make(), 'profile.sqlite');
    const old = new Database(file);
    const before = migrations.findIndex((step) => step.name === 'outboxKindsFromRegistry');
    expect(before).toBeGreaterThan(0);
    for (const step of migrations.slice(0, before)) step(old);
    old.pragma(`user_version = ${before}`);
    const insert = old.prepare(
      `INSERT INTO outbox (ticket_key, kind, payload, state, created_at, updated_at)
       VALUES ('t:1', 'reply', ?, 'queued', '2026-12-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z')`,
    );
    for (const text of ['primeira', 'segunda', 'terceira']) insert.run(JSON.stringify({ text }));
    old.prepare('DELETE FROM outbox WHERE id = 3').run();
    expect(() =>
      old
        .prepare(
          `INSERT INTO outbox (ticket_key, kind, payload, created_at, updated_at)
           VALUES ('t:1', 'open_service_order', '{}', '', '')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    old.close();

    const core = StoreCore.open(file);
    expect(core.listActions().map((a) => [a.id, a.kind, a.payload])).toEqual([
      [1, 'reply', { text: 'primeira' }],
      [2, 'reply', { text: 'segunda' }],
    ]);
    core.close();
    const db = new Database(file);
    const added = db
      .prepare(
        `INSERT INTO outbox (ticket_key, kind, payload, created_at, updated_at)
         VALUES ('t:1', 'open_service_order', '{}', '', '')`,
      )
      .run();
    db.close();
    expect(Number(added.lastInsertRowid)).toBe(4);
  });
});
