import { applyClose } from '../../store/ticket-fields';
import type { StoreSide } from '../store-side';

/** The ticket shows closed at once, dated when the agent closed it, until sent. */
export const closeStore: StoreSide<'close'> = {
  place(tickets, ticketKey) {
    const key = ticketKey ?? '';
    tickets.requireTicket(key);
    return { ticketKey: key, localRef: null };
  },
  fields: (payload, createdAt) => (fields) => applyClose(fields, payload, createdAt),
  undo(tickets, action) {
    tickets.resettle(action.ticketKey, true);
  },
  reapply(tickets, action) {
    tickets.resettle(action.ticketKey, true);
    return {};
  },
  sent(tickets, action) {
    tickets.absorbSentChange(action.ticketKey, (fields) =>
      applyClose(fields, action.payload, action.createdAt),
    );
    tickets.resettle(action.ticketKey, true);
  },
};
