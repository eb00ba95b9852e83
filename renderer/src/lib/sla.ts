/** How urgent a ticket's SLA is, from HubSoft's `tempo_restante` / `percentual_tempo_restante`. */
import type { TicketSummary } from '../../../preload/types';

export type SlaLevel = 'none' | 'ok' | 'warning' | 'danger' | 'breached';

/** Below this share of the SLA left, the agent's own tickets raise a notification. */
const slaAlertPercent = 20;

export function slaLevel(sla: TicketSummary['sla']): SlaLevel {
  const percent = sla.percentRemaining;
  const breached = sla.remaining?.trim().startsWith('-') ?? false;
  if (breached || (percent !== null && percent <= 0)) return 'breached';
  if (percent === null) return sla.remaining ? 'ok' : 'none';
  if (percent < slaAlertPercent) return 'danger';
  if (percent < 50) return 'warning';
  return 'ok';
}

/** About to breach: little time left, not yet over. */
export function slaAboutToBreach(ticket: TicketSummary): boolean {
  return ticket.closedAt === null && slaLevel(ticket.sla) === 'danger';
}
