/**
 * The sidebar's triage views: which tickets each one selects (as SQL over the `tickets` table,
 * aliased `t`, shared by the list and the counts so a view and its count always agree) and how
 * many tickets each holds.
 */
import type Database from 'better-sqlite3';
import type { TicketView, TicketViewCounts } from './types';

/** "Vencendo em 2 h": open, SLA not over yet, at most this many minutes left. */
const dueSoonMinutes = 120;

/**
 * "Aguardando cliente". Status prefixes and labels are tenant-defined, not an enum (fact 40):
 * `aguardando_cliente`, "AGUARDANDO RETORNO DO CLIENTE", "Pendente cliente" all exist. The rule:
 * the prefix or label names the customer ("cliente") and says it is waiting on them ("aguard",
 * "retorno", "pendente" or "espera"). Plain "Pendente" or "Atendimento ao cliente" do not match.
 */
const statusText = `lower(coalesce(t.status_prefix, '') || ' ' || coalesce(t.status_label, ''))`;
const awaitingCustomer = `(${statusText} LIKE '%cliente%' AND (${statusText} LIKE '%aguard%'
  OR ${statusText} LIKE '%retorno%' OR ${statusText} LIKE '%pendente%'
  OR ${statusText} LIKE '%espera%'))`;

const viewFilters: Record<TicketView, string> = {
  due_soon: `t.is_closed = 0 AND t.sla_minutes BETWEEN 0 AND ${dueSoonMinutes}`,
  breached: 't.is_closed = 0 AND t.sla_minutes < 0',
  unassigned:
    't.is_closed = 0 AND NOT EXISTS (SELECT 1 FROM ticket_responsibles r WHERE r.ticket_seq = t.seq)',
  awaiting_customer: `t.is_closed = 0 AND ${awaitingCustomer}`,
};

/** The WHERE condition of one view, for the inbox list. */
export function viewFilter(view: TicketView): string {
  return `(${viewFilters[view]})`;
}

export class TicketViews {
  private readonly counts;

  constructor(db: Database.Database) {
    const count = (where: string) => `(SELECT count(*) FROM tickets t WHERE ${where})`;
    this.counts = db.prepare<{
      mine_open: number;
      due_soon: number;
      breached: number;
      unassigned: number;
      awaiting_customer: number;
      closed_today: number;
    }>(
      `SELECT
         (SELECT count(*) FROM ticket_responsibles r JOIN tickets t ON t.seq = r.ticket_seq
          WHERE r.user_id = @userId AND t.is_closed = 0) AS mine_open,
         ${count(viewFilters.due_soon)} AS due_soon,
         ${count(viewFilters.breached)} AS breached,
         ${count(viewFilters.unassigned)} AS unassigned,
         ${count(viewFilters.awaiting_customer)} AS awaiting_customer,
         ${count('t.closed_at >= @dayStart')} AS closed_today`,
    );
  }

  /**
   * How many tickets each view holds. `dayStart` is the start of the agent's day (their time
   * zone, which only the renderer knows) for "fechados hoje"; without the agent's HubSoft id
   * "meus abertos" cannot be counted and is null.
   */
  count(dayStart: string, userId: number | null): TicketViewCounts {
    const row = this.counts.get({ userId: userId ?? -1, dayStart });
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
}
