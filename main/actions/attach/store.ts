import type { StoreSide } from '../store-side';

/**
 * Files show as a pending action on the ticket's timeline; once sent, the files the result
 * records are what the timeline lists (HubSoft cannot list a ticket's attachments, fact 30).
 */
export const attachStore: StoreSide<'attach'> = {
  place(tickets, ticketKey) {
    const key = ticketKey ?? '';
    tickets.requireTicket(key);
    return { ticketKey: key, localRef: null };
  },
  undo() {},
  reapply() {
    return {};
  },
  sent() {},
};
