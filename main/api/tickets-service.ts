/**
 * The `tickets` area: reads come from the cache at once; `refresh` fetches the ticket's detail
 * from HubSoft first, and offline answers the cached copy instead of an error.
 */
import type { Services } from '../../preload/contract';
import { AppError } from '../../preload/errors';
import type { Ticket } from '../../preload/types';
import { StoreError } from '../store/errors';
import { isNetworkFailure } from '../sync/remote-call';
import { toAppError } from './session-service';
import type { Workspace } from './workspace';

const notCached = () => new AppError('not_found', 'Atendimento não encontrado no cache local.');

/** Failures of the store or of HubSoft, as the contract's errors. */
function asContractError(error: unknown): unknown {
  if (error instanceof StoreError && error.code === 'not_found') return notCached();
  return toAppError(error);
}

/** Only what this area uses of the workspace: `CurrentWorkspace` fits. */
type TicketsWorkspace = Pick<Workspace, 'store' | 'sync'>;

export function createTicketsService(current: () => TicketsWorkspace): Services['tickets'] {
  const get = async (key: string): Promise<Ticket> => {
    const ticket = await current().store.getTicket(key);
    if (!ticket) throw notCached();
    return ticket;
  };

  return {
    list: (query = {}) => {
      const { store, sync } = current();
      const { mine, ...filters } = query;
      // "Mine" needs the agent's HubSoft id; until the server tells it, the filter cannot apply.
      const responsible = mine && sync.userId !== null ? { responsibleUserId: sync.userId } : {};
      return store.listTickets({ ...filters, ...responsible });
    },

    get,

    search: (text, options) => current().store.searchTickets(text, options ?? {}),

    viewCounts: ({ dayStart }) => {
      const { store, sync } = current();
      return store.countTicketViews(dayStart, sync.userId);
    },

    ofCustomer: (customerId) => current().store.listCustomerTickets(customerId, 20),

    summaries: (keys) => current().store.getTicketSummaries(keys),

    refresh: async (key) => {
      try {
        await current().sync.refreshTicket(key);
      } catch (error) {
        if (!isNetworkFailure(error)) throw asContractError(error);
      }
      return get(key);
    },
  };
}
