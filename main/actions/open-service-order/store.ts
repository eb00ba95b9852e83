import { z } from 'zod';
import type { ServiceOrder } from '../../hubsoft/model';
import type { StoreSide } from '../store-side';

/** What the delivery records of the O.S. the server opened (see delivery.ts). */
export const openedOrderResult = z.object({
  serviceOrder: z.object({
    id: z.number().int(),
    number: z.string().nullable(),
    type: z.string().nullable(),
    status: z.string().nullable(),
    openedAt: z.string().nullable(),
    description: z.string().nullable(),
    scheduledStart: z.string().nullable(),
  }),
});

/**
 * The O.S. shows as a pending action on the ticket's timeline; once sent, the order the server
 * answered joins the ticket's service orders at once (the next detail fetch brings its copy).
 */
export const openServiceOrderStore: StoreSide<'open_service_order'> = {
  place(tickets, ticketKey) {
    const key = ticketKey ?? '';
    tickets.requireTicket(key);
    return { ticketKey: key, localRef: null };
  },
  undo() {},
  reapply() {
    return {};
  },
  sent(tickets, action, outcome) {
    const parsed = openedOrderResult.safeParse(outcome.result);
    if (!parsed.success) return;
    const order: ServiceOrder = { ...parsed.data.serviceOrder, closedAt: null };
    tickets.addServiceOrder(action.ticketKey, order);
  },
};
