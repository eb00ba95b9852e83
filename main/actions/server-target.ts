import { serverTicketOf, type ServerTicket } from '../outbox/server-ticket';
import { ActionRefused } from '../outbox/retry-policy';
import type { Store } from '../store/client';

/** The server's copy of the action's ticket; an action on a ticket never created cannot go. */
export async function requireServerTicket(store: Store, key: string): Promise<ServerTicket> {
  const target = await serverTicketOf(store, key);
  if (!target) {
    throw new ActionRefused(
      'O atendimento não existe no HubSoft (a abertura dele não foi enviada): esta ação não pode ser enviada.',
    );
  }
  return target;
}
