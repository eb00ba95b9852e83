/** Sending a reply (fact 29), and reading it back: the same text among the ticket's messages. */
import type { DeliverySide } from '../delivery-side';
import { actionTicketDetail, isVerdict, missing, normalized, since, unproven } from '../read-back';
import { requireServerTicket } from '../server-target';

export const replyDelivery: DeliverySide<'reply'> = {
  needsServerTicket: true,
  async send(action, { store, client, signal }) {
    const target = await requireServerTicket(store, action.ticketKey);
    const message = await client.addMessage(target.id, action.payload.text, { signal });
    return { messageId: message.id, messageCreatedAt: message.createdAt };
  },
  async readBack(action, deps) {
    const ticket = await actionTicketDetail(action, deps);
    if (isVerdict(ticket)) return ticket;
    if (ticket.messages === null) {
      return unproven('o HubSoft não mostrou as mensagens do atendimento');
    }
    const cached = await deps.store.getTicket(action.ticketKey);
    const text = normalized(action.payload.text);
    const after = since(action);
    for (const message of ticket.messages) {
      if (normalized(message.text) !== text || Date.parse(message.createdAt) < after) continue;
      const holder = cached?.messages.find((local) => local.id === message.id);
      // The same text sent by another reply of ours belongs to that reply.
      if (holder && holder.localId !== action.localRef && !holder.localId.startsWith('m:')) {
        continue;
      }
      // A copy sync already stored under the server's id keeps that id; ours is only confirmed.
      const messageId = holder && holder.localId !== action.localRef ? undefined : message.id;
      const outcome = { messageId, messageCreatedAt: message.createdAt };
      return { verdict: 'sent', outcome: messageId === undefined ? {} : outcome };
    }
    return missing;
  },
};
