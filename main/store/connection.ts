/** Opening one profile's SQLite file with the settings every connection needs. */
import Database from 'better-sqlite3';
import { migrate } from './migrations';

/** How long a statement waits for another connection's lock before failing. */
const busyTimeoutMs = 5000;

export function openConnection(file: string): Database.Database {
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a power cut may lose the last commits but never corrupts the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function openMigrated(file: string): Database.Database {
  const db = openConnection(file);
  try {
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * SQLite's own verdict on the file, or on some of its tables: a whole-file check reads every
 * page (about 10 s for 100k tickets with 1M messages), a per-table one only those tables.
 */
export function passesQuickCheck(db: Database.Database, tables?: readonly string[]): boolean {
  const targets = tables ? tables.map((table) => `quick_check(${table})`) : ['quick_check'];
  return targets.every((target) => {
    const rows = db.pragma(target) as { quick_check: string }[];
    return rows.length === 1 && rows[0]?.quick_check === 'ok';
  });
}

const damageCodes = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB']);

/** Errors that mean the file is damaged, as opposed to locked, missing or unreadable. */
export function isDamageError(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  return typeof error.code === 'string' && damageCodes.has(error.code);
}
