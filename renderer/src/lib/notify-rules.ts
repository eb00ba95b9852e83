/** Which of the agent's tickets deserve a notification, from one look at the list to the next. */
import type { TicketSummary } from '../../../preload/types';
import { slaAboutToBreach } from './sla';

export interface AlertState {
  /** Tickets assigned to the agent at the last look. */
  known: Set<string>;
  /** Tickets already announced as about to breach. */
  warned: Set<string>;
}

export interface Alerts {
  assigned: TicketSummary[];
  breaching: TicketSummary[];
  next: AlertState;
}

/** The first look only learns what is there: nothing is "new" when the app starts. */
export function firstLook(tickets: readonly TicketSummary[]): AlertState {
  return {
    known: new Set(tickets.map((ticket) => ticket.key)),
    warned: new Set(tickets.filter(slaAboutToBreach).map((ticket) => ticket.key)),
  };
}

/** A ticket the agent opened here (offline create) is theirs by choice, not news. */
function createdHere(ticket: TicketSummary): boolean {
  return ticket.key.startsWith('local:');
}

export function nextLook(previous: AlertState, tickets: readonly TicketSummary[]): Alerts {
  const assigned = tickets.filter(
    (ticket) => !previous.known.has(ticket.key) && !createdHere(ticket),
  );
  const atRisk = tickets.filter(slaAboutToBreach);
  const breaching = atRisk.filter((ticket) => !previous.warned.has(ticket.key));
  return {
    assigned,
    breaching,
    next: {
      known: new Set(tickets.map((ticket) => ticket.key)),
      warned: new Set(atRisk.map((ticket) => ticket.key)),
    },
  };
}
