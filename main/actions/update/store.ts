import { applyUpdate } from '../../store/ticket-fields';
import type { StoreSide } from '../store-side';

/** The new status, type or text shows at once, over the server's values, until sent. */
export const updateStore: StoreSide<'update'> = {
  place(tickets, ticketKey, _payload) {
    const key = ticketKey ?? '';
    tickets.requireTicket(key);
    return { ticketKey: key, localRef: null };
  },
  fields: (payload) => (fields, labels) => applyUpdate(fields, payload, labels),
  undo(tickets, action) {
    tickets.resettle(action.ticketKey, true);
  },
  reapply(tickets, action) {
    tickets.resettle(action.ticketKey, true);
    return {};
  },
  sent(tickets, action) {
    tickets.absorbSentChange(action.ticketKey, (fields, labels) =>
      applyUpdate(fields, action.payload, labels),
    );
    tickets.resettle(action.ticketKey, true);
  },
};
