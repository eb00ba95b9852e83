/**
 * The sidebar's triage views: which tickets each one selects (a condition over the `tickets`
 * table, aliased `t`, shared by the list and the counts so a view and its count always agree) and
 * how many tickets each holds. Every condition is an index range: counting them over 100k cached
 * tickets takes a few milliseconds, so they can be recounted on every `tickets` event.
 */
import type Database from 'better-sqlite3';
import type { TicketView, TicketViewCounts } from './types';

/** "Vencendo em 2 h": open, SLA not over yet, at most this many minutes left. */
const dueSoonMinutes = 120;

/**
 * "Aguardando cliente". Status prefixes and labels are tenant-defined, not an enum (fact 40):
 * `aguardando_cliente`, "AGUARDANDO RETORNO DO CLIENTE", "Pendente cliente" all exist. The rule:
 * the prefix or label names the customer ("cliente") and says the ticket waits on them ("aguard",
 * "retorno", "pendente" or "espera"). Plain "Pendente" or "Atendimento ao cliente" do not match.
 */
export function awaitsCustomer(prefix: string | null, label: string | null): boolean {
  const text = `${prefix ?? ''} ${label ?? ''}`.toLowerCase();
  return text.includes('cliente') && /aguard|retorno|pendente|espera/.test(text);
}

export interface ViewCondition {
  sql: string;
  params: unknown[];
}

interface CountsRow {
  mine_open: number;
  due_soon: number;
  breached: number;
  unassigned: number;
  awaiting_customer: number;
  closed_today: number;
}

const fixedConditions = {
  due_soon: `t.is_closed = 0 AND t.sla_minutes BETWEEN 0 AND ${dueSoonMinutes}`,
  breached: 't.is_closed = 0 AND t.sla_minutes < 0',
  // Written exactly as the partial index tickets_unassigned is, so SQLite reads that index.
  unassigned: `t.is_closed = 0 AND t.responsible_user_ids = '[]'`,
} as const;

/**
 * Open tickets in one of the statuses (a JSON array of ids) that wait on the customer. The unary
 * `+` keeps SQLite from reading every open ticket by the is_closed index: the status index,
 * seeked once per status, reads only the few thousand that match.
 */
const awaitingCondition = 't.status_id IN (SELECT value FROM json_each(?)) AND +t.is_closed = 0';

export class TicketViews {
  private readonly statements;

  constructor(db: Database.Database) {
    // What the inbox never lists (server-side drafts, tickets deleted on the server and kept only
    // for pending actions) is never counted either, so a view's count matches its list.
    const listed = 't.server_draft = 0 AND t.gone_at IS NULL';
    const count = (where: string) =>
      `(SELECT count(*) FROM tickets t WHERE ${where} AND ${listed})`;
    this.statements = {
      statusIds: db
        .prepare('SELECT DISTINCT status_id FROM tickets WHERE status_id IS NOT NULL')
        .pluck(),
      statusText: db.prepare<{ status_prefix: string | null; status_label: string | null }>(
        'SELECT status_prefix, status_label FROM tickets WHERE status_id = ? LIMIT 1',
      ),
      counts: db.prepare<CountsRow>(
        `SELECT
           (SELECT count(*) FROM ticket_responsibles r JOIN tickets t ON t.seq = r.ticket_seq
            WHERE r.user_id = @userId AND t.is_closed = 0 AND ${listed}) AS mine_open,
           ${count(fixedConditions.due_soon)} AS due_soon,
           ${count(fixedConditions.breached)} AS breached,
           ${count(fixedConditions.unassigned)} AS unassigned,
           ${count(awaitingCondition.replace('?', '@awaitingIds'))} AS awaiting_customer,
           ${count('t.closed_at >= @dayStart')} AS closed_today`,
      ),
    };
  }

  /** The WHERE condition of one view, with its parameters, for the inbox list. */
  condition(view: TicketView): ViewCondition {
    if (view === 'awaiting_customer') {
      return { sql: `(${awaitingCondition})`, params: [JSON.stringify(this.awaitingStatusIds())] };
    }
    return { sql: `(${fixedConditions[view]})`, params: [] };
  }

  /**
   * How many tickets each view holds. `dayStart` is the start of the agent's day (their time
   * zone, which only the renderer knows) for "fechados hoje"; without the agent's HubSoft id
   * "meus abertos" cannot be counted and is null.
   */
  count(dayStart: string, userId: number | null): TicketViewCounts {
    const row = this.statements.counts.get({
      userId: userId ?? -1,
      dayStart,
      awaitingIds: JSON.stringify(this.awaitingStatusIds()),
    });
    if (!row) throw new Error('count query returned no row');
    return {
      mineOpen: userId === null ? null : row.mine_open,
      dueSoon: row.due_soon,
      breached: row.breached,
      unassigned: row.unassigned,
      awaitingCustomer: row.awaiting_customer,
      closedToday: row.closed_today,
    };
  }

  /** The statuses in the cache that wait on the customer: a few, read from the status index. */
  private awaitingStatusIds(): number[] {
    return (this.statements.statusIds.all() as number[]).filter((id) => {
      const text = this.statements.statusText.get(id);
      return text !== undefined && awaitsCustomer(text.status_prefix, text.status_label);
    });
  }
}
