/** Drafts, settings and sync checkpoints: JSON values under a text key, stamped when written. */
import type Database from 'better-sqlite3';
import { fromJson, toJson } from './json';
import type { JsonValue, StoredValue } from './types';

export type KeyValueTable = 'drafts' | 'settings' | 'checkpoints';

const keyColumn: Record<KeyValueTable, string> = {
  drafts: 'key',
  settings: 'key',
  checkpoints: 'name',
};

export class KeyValueStore {
  private readonly select: Database.Statement<{ value: string; updated_at: string }>;
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(
    db: Database.Database,
    table: KeyValueTable,
    private readonly now: () => Date,
  ) {
    const key = keyColumn[table];
    this.select = db.prepare(`SELECT value, updated_at FROM ${table} WHERE ${key} = ?`);
    this.upsert = db.prepare(
      `INSERT INTO ${table} (${key}, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (${key}) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare(`DELETE FROM ${table} WHERE ${key} = ?`);
  }

  get(key: string): StoredValue | null {
    const row = this.select.get(key);
    return row ? { value: fromJson(row.value), updatedAt: row.updated_at } : null;
  }

  set(key: string, value: JsonValue): StoredValue {
    const updatedAt = this.now().toISOString();
    this.upsert.run(key, toJson(value), updatedAt);
    return { value, updatedAt };
  }

  delete(key: string): boolean {
    return this.remove.run(key).changes > 0;
  }
}
