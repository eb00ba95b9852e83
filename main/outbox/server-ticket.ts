/** The server's id and protocol of a cached ticket, which every action but a create needs. */
import type { Store } from '../store/client';

export interface ServerTicket {
  id: number;
  protocol: string | null;
  /** ISO 8601; when only the day is known, local midnight of that day. */
  openedAt: string;
}

/** Null while the ticket only exists here (its create has not been sent). */
export async function serverTicketOf(store: Store, key: string): Promise<ServerTicket | null> {
  const ticket = await store.getTicket(key);
  if (!ticket || ticket.id === null) return null;
  return { id: ticket.id, protocol: ticket.protocol, openedAt: ticket.openedAt };
}
