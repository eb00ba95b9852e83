/**
 * Sending a create, and reading it back: the service's recent tickets, matched by the start of
 * the opening text (the server appends its own suffix, fact 23), opened since the action was
 * queued (to the day: that list has no time), and not already claimed by another ticket created
 * here.
 */
import type { DeliverySide } from '../delivery-side';
import { missing, normalized, since, unproven } from '../read-back';

const dayMs = 24 * 60 * 60_000;
/** `cliente/atendimento` answers at most this many tickets per call. */
const customerTicketsLimit = 50;
/** HubSoft's naive dates are local time at UTC-03:00. */
const hubsoftOffsetMs = 3 * 60 * 60_000;

/**
 * Whether a ticket was opened at or after `earliest`. The customer's ticket list gives only the
 * day it was opened (local midnight): then the day is compared, not the time.
 */
function openedSince(openedAt: string, earliest: number): boolean {
  const opened = Date.parse(openedAt);
  const dayOnly = (opened - hubsoftOffsetMs) % dayMs === 0;
  if (!dayOnly) return opened >= earliest;
  const earliestDay = earliest - ((earliest - hubsoftOffsetMs) % dayMs);
  return opened >= earliestDay;
}

export const createDelivery: DeliverySide<'create'> = {
  needsServerTicket: false,
  async send(action, { client, signal }) {
    const p = action.payload;
    const ticket = await client.createTicket(
      {
        serviceId: p.serviceId,
        description: p.description,
        requesterName: p.name,
        requesterPhone: p.phone,
        ...(p.email ? { requesterEmail: p.email } : {}),
        ...(p.typeId != null ? { typeId: p.typeId } : {}),
        ...(p.statusId != null ? { statusId: p.statusId } : {}),
        ...(p.contactOriginId != null ? { contactOriginId: p.contactOriginId } : {}),
        ...(p.availabilityIds?.length ? { availabilityIds: p.availabilityIds } : {}),
        ...(p.responsibleUserIds?.length ? { responsibleUserIds: p.responsibleUserIds } : {}),
        ...(p.openServiceOrder !== undefined ? { openServiceOrder: p.openServiceOrder } : {}),
      },
      { signal },
    );
    return { ticket: { id: ticket.id, protocol: ticket.protocol } };
  },
  async readBack(action, { store, client, signal }) {
    const after = since(action);
    const tickets = await client.listCustomerTickets({
      by: 'id_cliente_servico',
      term: String(action.payload.serviceId),
      onlyPending: false,
      limit: customerTicketsLimit,
      // Local days start at most a day before UTC ones: a day earlier is always wide enough.
      from: new Date(after - dayMs).toISOString().slice(0, 10),
      signal,
    });
    const text = normalized(action.payload.description);
    const candidates = tickets
      .filter((ticket) => normalized(ticket.description ?? '').startsWith(text))
      .filter((ticket) => openedSince(ticket.openedAt, after))
      .sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt) || a.id - b.id);
    for (const candidate of candidates) {
      // A ticket another offline create already claimed is that one's, not this one's.
      const owner = await store.findTicketKey(candidate.id);
      if (owner === null || owner === action.ticketKey || !owner.startsWith('local:')) {
        return {
          verdict: 'sent',
          outcome: { ticket: { id: candidate.id, protocol: candidate.protocol } },
        };
      }
    }
    if (tickets.length >= customerTicketsLimit) {
      return unproven('o cliente tem atendimentos demais para conferir se este foi aberto');
    }
    return missing;
  },
};
