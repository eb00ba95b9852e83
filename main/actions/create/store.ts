import { randomUUID } from 'node:crypto';
import type { StoreSide } from '../store-side';

/** A ticket opened offline lives under a local key until the server gives it an id. */
export const createStore: StoreSide<'create'> = {
  createsTicket: true,
  place(tickets, _ticketKey, payload, now) {
    const ticketKey = `local:${randomUUID()}`;
    tickets.createLocal(ticketKey, payload, now);
    return { ticketKey, localRef: null };
  },
  undo(tickets, action) {
    if (action.state === 'discarded') tickets.deleteLocal(action.ticketKey);
  },
  reapply(tickets, action) {
    tickets.createLocal(action.ticketKey, action.payload, action.createdAt);
    tickets.setLocalDescription(action.ticketKey, action.payload.description);
    return {};
  },
  sent(tickets, action, outcome) {
    if (outcome.ticket) {
      tickets.assignServerId(action.ticketKey, outcome.ticket.id, outcome.ticket.protocol);
    }
  },
};
