/** How urgent a ticket's SLA is, from HubSoft's `tempo_restante` / `percentual_tempo_restante`. */
import type { TicketSummary } from '../../../preload/types';

export type SlaLevel = 'none' | 'ok' | 'warning' | 'danger' | 'breached';

/** Below this share of the SLA left, the agent's own tickets raise a notification. */
const slaAlertPercent = 20;
/** "Vencendo em 2 h", as the sidebar's view counts it (main/store/ticket-views.ts). */
const dueSoonMinutes = 120;

/**
 * Minutes left from `tempo_restante` ("-501h 6min", "3h 20min": fact 35), negative once over;
 * null when the server gave none or a shape this does not know. Same rule as the store's
 * `sla_minutes` column, so a row and the views it is counted in agree.
 */
export function slaMinutes(sla: TicketSummary['sla']): number | null {
  const match = /^\s*(-?)\s*(\d+)\s*h\s*(\d+)?/.exec(sla.remaining ?? '');
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

export function slaLevel(sla: TicketSummary['sla']): SlaLevel {
  const minutes = slaMinutes(sla);
  const percent = sla.percentRemaining;
  if (minutes !== null) {
    if (minutes < 0) return 'breached';
    if (minutes <= dueSoonMinutes) return 'danger';
  } else if (percent !== null && percent <= 0) {
    return 'breached';
  }
  if (percent === null) return minutes !== null || sla.remaining ? 'ok' : 'none';
  if (percent < slaAlertPercent) return 'danger';
  if (percent < 50) return 'warning';
  return 'ok';
}

/** About to breach: little time left, not yet over. */
export function slaAboutToBreach(ticket: TicketSummary): boolean {
  return ticket.closedAt === null && slaLevel(ticket.sla) === 'danger';
}

/** A duration in parts for the i18n layer: days and hours past 48 h, else hours and minutes. */
export type SlaSpan =
  { unit: 'days'; days: number; hours: number } | { unit: 'hours'; hours: number; minutes: number };

export function slaSpan(minutes: number): SlaSpan {
  const total = Math.abs(minutes);
  if (total > 48 * 60) {
    return { unit: 'days', days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60) };
  }
  return { unit: 'hours', hours: Math.floor(total / 60), minutes: total % 60 };
}
