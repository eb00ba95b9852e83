/**
 * Row ids that sort by time: milliseconds since the epoch times 1000, plus a salt (the server
 * id) to spread rows of the same millisecond. The FTS tables use these ids as their rowids, so
 * reading them in descending rowid order reads newest first and can stop after a few rows.
 */
import type Database from 'better-sqlite3';

export class TimeOrderedIds {
  private readonly taken: Database.Statement;

  constructor(db: Database.Database, table: 'tickets' | 'messages') {
    this.taken = db.prepare(`SELECT 1 FROM ${table} WHERE seq = ?`).pluck();
  }

  next(isoDate: string, salt: number): number {
    const ms = Date.parse(isoDate);
    let seq = (Number.isFinite(ms) ? ms : 0) * 1000 + (Math.abs(Math.trunc(salt)) % 1000);
    while (this.taken.get(seq) !== undefined) seq += 1;
    return seq;
  }
}
