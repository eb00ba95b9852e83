/**
 * The `customers` area, for the new-ticket form: online it asks HubSoft and caches what it finds;
 * offline, or when the server cannot be reached, it answers from the customers cached before.
 */
import type { Services } from '../../preload/contract';
import type { CustomerSearchQuery } from '../hubsoft/requests';
import type { CustomerSearchField } from '../store/types';
import { isNetworkFailure, reportingOutcome } from '../sync/remote-call';
import { toAppError } from './session-service';
import type { Workspace } from './workspace';

const hubsoftField: Record<CustomerSearchField, CustomerSearchQuery['by']> = {
  document: 'cpf_cnpj',
  code: 'codigo_cliente',
  name: 'nome_razaosocial',
  phone: 'telefone',
};

const resultLimit = 20;

/** Only what this area uses of the workspace: `CurrentWorkspace` fits. */
type CustomersWorkspace = Pick<Workspace, 'store' | 'client' | 'connectivity'>;

export function createCustomersService(current: () => CustomersWorkspace): Services['customers'] {
  return {
    search: async ({ by, term }) => {
      const { store, client, connectivity } = current();
      if (connectivity.online) {
        try {
          const customers = await reportingOutcome(connectivity, () =>
            client.searchCustomers({
              by: hubsoftField[by],
              // The letters of an alphanumeric CNPJ are upper case wherever HubSoft shows them.
              term: by === 'document' ? term.toUpperCase() : term,
              limit: resultLimit,
            }),
          );
          await store.upsertCustomers(customers);
          return customers;
        } catch (error) {
          if (!isNetworkFailure(error)) throw toAppError(error);
        }
      }
      return store.searchCustomers({ by, term, limit: resultLimit });
    },

    ofService: async (serviceId) => {
      const { store, client, connectivity } = current();
      // The panel shows on every ticket the agent opens (j/k walk them): a customer cached once
      // (here or by the new-ticket search, which refreshes it) costs HubSoft no more requests.
      const cached = await store.getCustomerByService(serviceId);
      if (cached || !connectivity.online) return cached;
      try {
        // Fact 38: `busca=id_cliente_servico` finds the customer with phones and e-mail.
        const customers = await reportingOutcome(connectivity, () =>
          client.searchCustomers({ by: 'id_cliente_servico', term: String(serviceId), limit: 1 }),
        );
        await store.upsertCustomers(customers);
        return (
          customers.find((customer) => customer.services.some((item) => item.id === serviceId)) ??
          null
        );
      } catch {
        // Offline, refused ("Nenhum cliente encontrado") or unreadable: the panel shows what the
        // ticket itself carries (name, document, plan) without phones and e-mail.
        return null;
      }
    },
  };
}
