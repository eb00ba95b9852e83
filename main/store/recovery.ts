/**
 * Opening a profile's file with an integrity check. A damaged file is set aside, a fresh one is
 * made, and what the agent cannot get back from the server (drafts, queued actions, staged
 * attachments, tickets created offline and their pending messages) is copied over row by row.
 * The cached server data is not copied: sync rebuilds it.
 *
 * Checking every page of a large cache takes seconds, so an ordinary open checks the agent's own
 * tables only; the whole file is checked in the background after opening (see client.ts), and a
 * damage found there or met by a query leaves a marker that makes the next open check it all.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { isDamageError, openConnection, openMigrated, passesQuickCheck } from './connection';
import type { OpenReport } from './types';

interface SalvagedTable {
  table: string;
  /** Restricts the copy to rows that exist only on this machine. */
  where?: string;
}

/** Tables holding what only this machine has; checked on every open. */
const ownTables = [
  'drafts',
  'outbox',
  'staged_attachments',
  'settings',
  'checkpoints',
  'config_lists',
] as const;

export type OpenCheck = 'own-data' | 'full';

const salvaged: readonly SalvagedTable[] = [
  { table: 'tickets', where: 'id IS NULL' },
  { table: 'messages', where: 'pending = 1' },
  { table: 'drafts' },
  { table: 'outbox' },
  { table: 'staged_attachments' },
];

export interface OpenedDatabase {
  db: Database.Database;
  report: OpenReport;
}

function markerOf(file: string): string {
  return `${file}.check-needed`;
}

/** Makes the next open check the whole file; called when damage was seen. */
export function requestFullCheck(file: string): void {
  try {
    writeFileSync(markerOf(file), new Date().toISOString());
  } catch {
    // Without the marker the damage is found again by the next background check.
  }
}

/** The whole-file check the client runs in the background on a read-only connection. */
export function wholeFilePasses(file: string): boolean {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return passesQuickCheck(db);
  } catch (error) {
    if (isDamageError(error)) return false;
    throw error;
  } finally {
    closeQuietly(db);
  }
}

export function openWithRecovery(
  file: string,
  now: () => Date,
  check: OpenCheck = 'own-data',
): OpenedDatabase {
  const full = check === 'full' || existsSync(markerOf(file));
  if (isHealthy(file, full)) {
    const db = openMigrated(file);
    if (full) rmSync(markerOf(file), { force: true });
    return { db, report: { recovered: false, damagedFile: null, copied: none() } };
  }
  const damagedFile = `${file}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, damagedFile + suffix);
  }
  const db = openMigrated(file);
  const copied = salvage(damagedFile, db);
  rmSync(markerOf(file), { force: true });
  return { db, report: { recovered: true, damagedFile, copied } };
}

function none(): OpenReport['copied'] {
  return { drafts: 0, actions: 0, attachments: 0 };
}

function isHealthy(file: string, full: boolean): boolean {
  if (!existsSync(file)) return true;
  let db: Database.Database | null = null;
  try {
    db = openConnection(file);
    if (full) return passesQuickCheck(db);
    // A file from before these tables existed has nothing of the agent's to check yet.
    const present = new Set(
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[],
    );
    return passesQuickCheck(
      db,
      ownTables.filter((table) => present.has(table)),
    );
  } catch (error) {
    if (isDamageError(error)) return false;
    throw error;
  } finally {
    closeQuietly(db);
  }
}

function salvage(damagedFile: string, target: Database.Database): OpenReport['copied'] {
  const counts = new Map<string, number>();
  let source: Database.Database | null = null;
  try {
    source = new Database(damagedFile);
    for (const entry of salvaged) counts.set(entry.table, copyTable(source, target, entry));
  } catch {
    // The damaged file may not open at all; whatever was copied before stays copied.
  } finally {
    closeQuietly(source);
  }
  return {
    drafts: counts.get('drafts') ?? 0,
    actions: counts.get('outbox') ?? 0,
    attachments: counts.get('staged_attachments') ?? 0,
  };
}

/**
 * Reads the table forwards and then backwards, so rows on both sides of a damaged page are
 * reached, and inserts each row on its own: one bad row costs only itself.
 */
function copyTable(
  source: Database.Database,
  target: Database.Database,
  { table, where }: SalvagedTable,
): number {
  const columns = (target.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
  const filter = where ? `WHERE ${where}` : '';
  const rows = new Map<number, Record<string, unknown>>();
  for (const direction of ['ASC', 'DESC']) {
    try {
      const statement = source.prepare<Record<string, unknown>>(
        `SELECT rowid AS __rowid, * FROM ${table} ${filter} ORDER BY rowid ${direction}`,
      );
      for (const row of statement.iterate()) rows.set(Number(row.__rowid), row);
    } catch {
      // Stop this direction at the first unreadable page; the other direction continues past it.
    }
  }
  const insert = target.prepare(
    `INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  let copied = 0;
  for (const row of rows.values()) {
    const values = Object.fromEntries(columns.map((column) => [column, row[column] ?? null]));
    try {
      copied += insert.run(values).changes;
    } catch {
      // A row that no longer fits (a message whose ticket was lost) is skipped.
    }
  }
  return copied;
}

function closeQuietly(db: Database.Database | null): void {
  try {
    db?.close();
  } catch {
    // Closing a damaged file can fail; it is set aside either way.
  }
}
