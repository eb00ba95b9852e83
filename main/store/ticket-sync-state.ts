/**
 * What sync keeps about tickets beyond their content: which ones the server no longer has, and
 * which still lack their detail (the opening text, which only the detail call brings, fact 33).
 */
import type Database from 'better-sqlite3';

export interface OpeningTextCandidate {
  key: string;
  protocol: string;
}

export interface OpeningTextCoverage {
  /** Cached server tickets (not gone). */
  total: number;
  /** Of those, how many had their detail fetched, so their opening text is indexed. */
  withOpeningText: number;
}

const missingDetail = 't.detail_fetched_at IS NULL AND t.id IS NOT NULL AND t.protocol IS NOT NULL';

export class TicketSyncState {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      hasOpenActions: db
        .prepare(
          `SELECT EXISTS (SELECT 1 FROM outbox WHERE ticket_key = ?
             AND state NOT IN ('sent', 'discarded'))`,
        )
        .pluck(),
      remove: db.prepare('DELETE FROM tickets WHERE key = ?'),
      isGone: db
        .prepare('SELECT EXISTS (SELECT 1 FROM tickets WHERE key = ? AND gone_at IS NOT NULL)')
        .pluck(),
      markGone: db.prepare('UPDATE tickets SET gone_at = ? WHERE key = ? AND gone_at IS NULL'),
      // One statement per page; the partial index `tickets_gone` holds the few gone rows.
      clearGone: db.prepare(
        `UPDATE tickets SET gone_at = NULL
         WHERE seq IN (SELECT seq FROM tickets WHERE gone_at IS NOT NULL)
           AND key IN (SELECT value FROM json_each(?))`,
      ),
      mine: db.prepare<OpeningTextCandidate>(
        `SELECT t.key, t.protocol FROM ticket_responsibles r JOIN tickets t ON t.seq = r.ticket_seq
         WHERE r.user_id = ? AND ${missingDetail} AND t.gone_at IS NULL
         ORDER BY t.is_closed, t.opened_at DESC LIMIT ?`,
      ),
      open: db.prepare<OpeningTextCandidate>(
        `SELECT t.key, t.protocol FROM tickets t
         WHERE t.is_closed = 0 AND ${missingDetail} AND t.gone_at IS NULL
         ORDER BY t.opened_at DESC LIMIT ?`,
      ),
      newest: db.prepare<OpeningTextCandidate>(
        `SELECT t.key, t.protocol FROM tickets t
         WHERE ${missingDetail} AND t.gone_at IS NULL
         ORDER BY t.opened_at DESC LIMIT ?`,
      ),
      // Read from indexes alone: every server ticket (by its unique id), those still without
      // their detail (their partial index), and the few gone ones, which do not count.
      coverage: db.prepare<{ all: number; missing: number; gone: number; gone_missing: number }>(
        `SELECT (SELECT count(*) FROM tickets WHERE id IS NOT NULL) AS "all",
           (SELECT count(*) FROM tickets INDEXED BY tickets_missing_detail
            WHERE detail_fetched_at IS NULL AND id IS NOT NULL) AS missing,
           (SELECT count(*) FROM tickets INDEXED BY tickets_gone
            WHERE gone_at IS NOT NULL AND id IS NOT NULL) AS gone,
           (SELECT count(*) FROM tickets INDEXED BY tickets_gone
            WHERE gone_at IS NOT NULL AND id IS NOT NULL AND detail_fetched_at IS NULL)
             AS gone_missing`,
      ),
      sweepGone: db.prepare(
        `DELETE FROM tickets WHERE gone_at IS NOT NULL AND key NOT IN (
           SELECT ticket_key FROM outbox WHERE state NOT IN ('sent', 'discarded'))`,
      ),
    };
  }

  /**
   * The server no longer has the ticket. Like a cache purge, it leaves the cache unless the
   * agent has actions on it still to send: then it stays, hidden from the inbox, so those
   * actions can fail visibly with the agent's text kept. Answers which of the two happened.
   */
  markGone(key: string, now: string): 'removed' | 'kept' {
    if (this.statements.hasOpenActions.get(key) === 1) {
      this.statements.markGone.run(now, key);
      return 'kept';
    }
    this.statements.remove.run(key);
    return 'removed';
  }

  /** Whether sync found the ticket deleted on the server (it is kept only for pending actions). */
  isGone(key: string): boolean {
    return this.statements.isGone.get(key) === 1;
  }

  /** A list answer carried these tickets again: they are not gone after all. */
  clearGone(keys: readonly string[]): void {
    if (keys.length > 0) this.statements.clearGone.run(JSON.stringify(keys));
  }

  /**
   * Tickets whose opening text is still missing, in the order it is worth fetching: the agent's
   * own (open first), then open ones, then the newest.
   */
  openingTextCandidates(limit: number, responsibleUserId: number | null): OpeningTextCandidate[] {
    const picked = new Map<string, OpeningTextCandidate>();
    const take = (rows: OpeningTextCandidate[]) => {
      for (const row of rows) if (picked.size < limit) picked.set(row.key, row);
    };
    if (responsibleUserId !== null) take(this.statements.mine.all(responsibleUserId, limit));
    if (picked.size < limit) take(this.statements.open.all(limit));
    if (picked.size < limit) take(this.statements.newest.all(limit));
    return [...picked.values()];
  }

  openingTextCoverage(): OpeningTextCoverage {
    const row = this.statements.coverage.get();
    if (!row) return { total: 0, withOpeningText: 0 };
    const total = row.all - row.gone;
    return { total, withOpeningText: total - (row.missing - row.gone_missing) };
  }

  /** Gone tickets kept for actions that have since been sent or discarded leave the cache. */
  sweepGone(): number {
    return this.statements.sweepGone.run().changes;
  }
}
