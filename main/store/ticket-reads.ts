/** Reading tickets: one with its history, filtered and sorted pages, and lookups by id. */
import type Database from 'better-sqlite3';
import type { ServiceOrder } from '../hubsoft/model';
import { decodeCursor, encodeCursor } from './cursor';
import { summaryColumns, toSummary, type TicketSummaryRow } from './ticket-rows';
import { TicketViews } from './ticket-views';
import type {
  StoredMessage,
  TicketListPage,
  TicketListQuery,
  TicketClosing,
  TicketSort,
  TicketSummary,
} from './types';

interface SortSpec {
  column: 'opened_at' | 'sla_triage' | 'updated_at';
  descending: boolean;
}

const sortSpecs: Record<TicketSort, SortSpec> = {
  opened_desc: { column: 'opened_at', descending: true },
  opened_asc: { column: 'opened_at', descending: false },
  sla: { column: 'sla_triage', descending: false },
  updated_desc: { column: 'updated_at', descending: true },
};

const defaultPageSize = 100;
const maxPageSize = 500;
/** Filter combinations prepared at once; past this the cache starts over. */
const maxCachedStatements = 100;

interface MessageRow {
  id: number | null;
  local_id: string;
  text: string;
  created_at: string;
  pending: number;
}

interface DetailRow extends TicketSummaryRow {
  service_orders: string;
  raw: string;
  closing_description: string | null;
  closing_reason_id: number | null;
}

export class TicketReads {
  private readonly statements;
  /** Prepared list queries by SQL text: the filter combinations an inbox uses are few. */
  private readonly listStatements = new Map<string, Database.Statement>();
  private readonly views: TicketViews;

  constructor(private readonly db: Database.Database) {
    this.views = new TicketViews(db);
    this.statements = {
      detail: db.prepare<DetailRow>(
        `SELECT ${summaryColumns}, t.service_orders, t.raw, t.closing_description,
           t.closing_reason_id FROM tickets t WHERE t.key = ?`,
      ),
      messages: db.prepare<MessageRow>(
        `SELECT id, local_id, text, created_at, pending FROM messages
         WHERE ticket_key = ? ORDER BY created_at, seq`,
      ),
      bySeqs: db.prepare<TicketSummaryRow>(
        `SELECT ${summaryColumns} FROM tickets t WHERE t.seq IN (SELECT value FROM json_each(?))`,
      ),
      keyOfId: db.prepare('SELECT key FROM tickets WHERE id = ?').pluck(),
      // tickets_customer finds the customer's few rows; the sort is over those alone.
      ofCustomer: db.prepare<TicketSummaryRow>(
        `SELECT ${summaryColumns} FROM tickets t
         WHERE t.customer_id = ? AND t.gone_at IS NULL AND t.server_draft = 0
         ORDER BY t.is_closed, t.opened_at DESC, t.seq DESC
         LIMIT ?`,
      ),
      byKeys: db.prepare<TicketSummaryRow>(
        `SELECT ${summaryColumns} FROM tickets t WHERE t.key IN (SELECT value FROM json_each(?))`,
      ),
      anyGone: db
        .prepare('SELECT EXISTS (SELECT 1 FROM tickets WHERE gone_at IS NOT NULL)')
        .pluck(),
      refreshOrder: db.prepare<{ key: string; id: number }>(
        `SELECT key, id FROM tickets t
         WHERE is_closed = 0 AND id IS NOT NULL AND gone_at IS NULL
         ORDER BY last_viewed_at IS NULL, last_viewed_at DESC,
           NOT EXISTS (SELECT 1 FROM ticket_responsibles r
                       WHERE r.ticket_seq = t.seq AND r.user_id = ?),
           opened_at DESC
         LIMIT ?`,
      ),
    };
  }

  getDetail(key: string): {
    summary: TicketSummary;
    messages: StoredMessage[];
    serviceOrders: ServiceOrder[];
    closing: TicketClosing;
    raw: Record<string, unknown>;
  } | null {
    const row = this.statements.detail.get(key);
    if (!row) return null;
    const messages = this.statements.messages.all(key).map((m) => ({
      id: m.id,
      localId: m.local_id,
      text: m.text,
      createdAt: m.created_at,
      pending: m.pending === 1,
    }));
    return {
      summary: toSummary(row),
      messages,
      serviceOrders: JSON.parse(row.service_orders) as ServiceOrder[],
      closing: { reasonId: row.closing_reason_id, description: row.closing_description },
      raw: JSON.parse(row.raw) as Record<string, unknown>,
    };
  }

  summariesBySeq(seqs: number[]): Map<number, TicketSummary> {
    const rows = this.statements.bySeqs.all(JSON.stringify(seqs));
    return new Map(rows.map((row) => [row.seq, toSummary(row)]));
  }

  /** The customer's cached tickets, open ones first, then newest first; at most `limit`. */
  ofCustomer(customerId: number, limit: number): TicketSummary[] {
    return this.statements.ofCustomer.all(customerId, limit).map(toSummary);
  }

  /** The summaries of the given tickets that are cached, in no particular order. */
  summariesByKey(keys: string[]): TicketSummary[] {
    return this.statements.byKeys.all(JSON.stringify(keys)).map(toSummary);
  }

  keyOfServerId(id: number): string | null {
    return (this.statements.keyOfId.get(id) as string | undefined) ?? null;
  }

  /**
   * Open tickets in the order sync should refresh them: those the agent opened (most recent
   * first), then those they are responsible for, then the newest.
   */
  refreshCandidates(
    limit: number,
    responsibleUserId: number | null,
  ): { key: string; id: number }[] {
    return this.statements.refreshOrder.all(responsibleUserId ?? -1, limit);
  }

  /**
   * One page of tickets. `matching` restricts it to the row ids a search found (see
   * TicketSearch.newestTicketSeqs), or is null without search text.
   */
  list(query: TicketListQuery, matching: number[] | null): TicketListPage {
    const sort = query.sort ?? 'opened_desc';
    const spec = sortSpecs[sort];
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? defaultPageSize), 1), maxPageSize);
    const filters: string[] = [];
    const params: unknown[] = [];
    let from = 'tickets t';
    if (query.status === 'open') filters.push('t.is_closed = 0');
    if (query.status === 'closed') filters.push('t.is_closed = 1');
    if (!query.includeServerDrafts) filters.push('t.server_draft = 0');
    if (query.statusIds?.length) {
      filters.push(`t.status_id IN (${placeholders(query.statusIds)})`);
      params.push(...query.statusIds);
    }
    if (query.typeIds?.length) {
      filters.push(`t.type_id IN (${placeholders(query.typeIds)})`);
      params.push(...query.typeIds);
    }
    if (query.responsibleUserId !== undefined) {
      // A join lets SQLite start from the agent's few tickets instead of scanning them all.
      from = 'ticket_responsibles r JOIN tickets t ON t.seq = r.ticket_seq';
      filters.push('r.user_id = ?');
      params.push(query.responsibleUserId);
    }
    if (query.openedFrom) {
      filters.push('t.opened_at >= ?');
      params.push(query.openedFrom);
    }
    if (query.openedTo) {
      filters.push('t.opened_at <= ?');
      params.push(query.openedTo);
    }
    if (query.view) {
      const view = this.views.condition(query.view);
      filters.push(view.sql);
      params.push(...view.params);
    }
    if (query.closedFrom) {
      filters.push('t.closed_at >= ?');
      params.push(query.closedFrom);
    }
    if (matching !== null) {
      filters.push('t.seq IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(matching));
    }
    const cursor = query.cursor ? decodeCursor(query.cursor, sort) : null;
    const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
    // Tickets gone from the server stay only for pending actions, so they are few or none: the
    // count subtracts those matching, found through their small partial index, and only the
    // page's own rows are checked, so the list stays index-only.
    const anyGone = this.statements.anyGone.get() === 1;
    // Filters on the closed/status/type/draft columns alone are summed from ticket_counts,
    // whose columns carry the same names.
    const countedAlready =
      query.responsibleUserId === undefined &&
      !query.openedFrom &&
      !query.openedTo &&
      !query.view &&
      !query.closedFrom &&
      matching === null;
    const countSql = countedAlready
      ? `SELECT coalesce(sum(t.n), 0) FROM ticket_counts t ${where}`
      : `SELECT count(*) FROM ${from} ${where}`;
    const total =
      cursor?.total ??
      (this.statement(countSql)
        .pluck()
        .get(...params) as number) - (anyGone ? this.goneMatching(query, filters, params) : 0);

    const pageFilters = anyGone ? [...filters, 't.gone_at IS NULL'] : [...filters];
    const pageParams = [...params];
    if (cursor) {
      pageFilters.push(`(t.${spec.column}, t.seq) ${spec.descending ? '<' : '>'} (?, ?)`);
      pageParams.push(cursor.value, cursor.seq);
    }
    const direction = spec.descending ? 'DESC' : 'ASC';
    const pageWhere = pageFilters.length ? `WHERE ${pageFilters.join(' AND ')}` : '';
    const rows = this.statement(
      `SELECT ${summaryColumns}, t.sla_triage FROM ${from} ${pageWhere}
       ORDER BY t.${spec.column} ${direction}, t.seq ${direction} LIMIT ?`,
    ).all(...pageParams, limit + 1) as (TicketSummaryRow & { sla_triage: number })[];

    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({ sort, value: sortValue(last, spec), seq: last.seq, total })
        : null;
    return { items: page.map(toSummary), total, nextCursor };
  }

  private goneMatching(query: TicketListQuery, filters: string[], params: unknown[]): number {
    const from =
      query.responsibleUserId === undefined
        ? 'tickets t INDEXED BY tickets_gone'
        : 'tickets t INDEXED BY tickets_gone JOIN ticket_responsibles r ON r.ticket_seq = t.seq';
    const where = ['t.gone_at IS NOT NULL', ...filters].join(' AND ');
    return this.statement(`SELECT count(*) FROM ${from} WHERE ${where}`)
      .pluck()
      .get(...params) as number;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.listStatements.get(sql);
    if (!statement) {
      if (this.listStatements.size >= maxCachedStatements) this.listStatements.clear();
      statement = this.db.prepare(sql);
      this.listStatements.set(sql, statement);
    }
    return statement;
  }
}

function sortValue(
  row: TicketSummaryRow & { sla_triage: number },
  spec: SortSpec,
): string | number {
  if (spec.column === 'sla_triage') return row.sla_triage;
  return spec.column === 'opened_at' ? row.opened_at : row.updated_at;
}

function placeholders(values: unknown[]): string {
  return values.map(() => '?').join(', ');
}
