/**
 * Opening an O.S. from a ticket (fact 41), and reading it back through the ticket's
 * `ordens_servico` in the detail: an order with this action's description, opened since it was
 * queued, scheduled when it asked, and not already recorded by another O.S. action of ours. An
 * unknown outcome never opens a second order: without that proof the agent decides.
 */
import type { ServiceOrder } from '../../hubsoft/model';
import type { SentOutcome } from '../../store/types';
import type { DeliverySide } from '../delivery-side';
import { actionTicketDetail, isVerdict, missing, normalized, since, unproven } from '../read-back';
import { requireServerTicket } from '../server-target';
import type { ActionOf } from '../store-side';
import { openedOrderResult } from './store';

/** The day and hour asked, as an instant: HubSoft's naive times are UTC-03:00 (fact 47). */
function scheduledInstant(action: ActionOf<'open_service_order'>): number {
  const { scheduledDate, startTime } = action.payload;
  return Date.parse(`${scheduledDate}T${startTime}:00-03:00`);
}

function outcomeOf(order: ServiceOrder): SentOutcome {
  return {
    result: {
      serviceOrder: {
        id: order.id,
        number: order.number ?? null,
        type: order.type,
        status: order.status,
        openedAt: order.openedAt,
        description: order.description ?? null,
        scheduledStart: order.scheduledStart ?? null,
      },
    },
  };
}

export const openServiceOrderDelivery: DeliverySide<'open_service_order'> = {
  needsServerTicket: true,
  async send(action, { store, client, signal }) {
    const target = await requireServerTicket(store, action.ticketKey);
    const p = action.payload;
    const order = await client.openServiceOrder(
      target.id,
      {
        typeId: p.typeId,
        technicianIds: [p.technicianId],
        scheduledDate: p.scheduledDate,
        startTime: p.startTime,
        endTime: p.endTime,
        availability: p.availability,
        description: p.description,
      },
      { signal },
    );
    return outcomeOf(order);
  },
  async readBack(action, deps) {
    const ticket = await actionTicketDetail(action, deps);
    if (isVerdict(ticket)) return ticket;
    if (ticket.serviceOrders === null) {
      return unproven('o HubSoft não mostrou as ordens de serviço do atendimento');
    }
    const claimed = new Set(
      (await deps.store.listActions({ ticketKey: action.ticketKey, states: ['sent'] }))
        .filter((other) => other.kind === 'open_service_order' && other.id !== action.id)
        .map((other) => openedOrderResult.safeParse(other.result).data?.serviceOrder.id),
    );
    const text = normalized(action.payload.description);
    const after = since(action);
    const scheduled = scheduledInstant(action);
    const match = ticket.serviceOrders.find(
      (order) =>
        !claimed.has(order.id) &&
        // Like a ticket's opening text (fact 23), the server may append to it.
        normalized(order.description ?? '').startsWith(text) &&
        (order.openedAt === null || Date.parse(order.openedAt) >= after) &&
        (order.scheduledStart == null || Date.parse(order.scheduledStart) === scheduled),
    );
    return match ? { verdict: 'sent', outcome: outcomeOf(match) } : missing;
  },
};
