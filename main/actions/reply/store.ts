import type { StoreSide } from '../store-side';

/** A reply shows as a pending message on its ticket until the server confirms it. */
export const replyStore: StoreSide<'reply'> = {
  place(tickets, ticketKey, payload, now) {
    const key = ticketKey ?? '';
    return { ticketKey: key, localRef: tickets.addPendingMessage(key, payload.text, now) };
  },
  undo(tickets, action) {
    if (action.localRef) tickets.removePendingMessage(action.localRef);
  },
  reapply(tickets, action, now) {
    if (action.localRef && tickets.hasPendingMessage(action.localRef)) {
      tickets.setPendingMessageText(action.localRef, action.payload.text);
      return {};
    }
    return { localRef: tickets.addPendingMessage(action.ticketKey, action.payload.text, now) };
  },
  sent(tickets, action, outcome) {
    if (!action.localRef) return;
    const id = outcome.messageId ?? null;
    // A detail fetch may have stored the server's copy of this message under its id already:
    // ours is then only confirmed.
    if (id !== null && tickets.holdsMessage(id)) {
      tickets.confirmMessage(action.localRef, null, null);
      return;
    }
    tickets.confirmMessage(action.localRef, id, outcome.messageCreatedAt ?? null);
  },
};
