/** The configuration lists (statuses, types, closing reasons, ...) copied into the cache. */
import type { ConfigListFailure } from '../../preload/types';
import { isHubsoftError, type HubsoftErrorKind } from '../hubsoft/errors';
import type { HubsoftClient } from '../hubsoft/client';
import type { ConfigListName } from '../hubsoft/model';
import { configListSources } from '../hubsoft/parse/config';
import type { Store } from '../store/client';
import type { ConnectivitySignal } from './connectivity-signal';
import { callWhenOnline } from './remote-call';

export const configListNames = Object.keys(configListSources) as ConfigListName[];

/**
 * A list the server refuses or sends unreadable (some tenants deny `tecnico` to API users) keeps
 * its cached copy and is reported, with the endpoint and the field; the other lists still refresh.
 */
const skippable = new Set<HubsoftErrorKind>([
  'permission',
  'not_found',
  'validation',
  'business',
  'parse',
]);

export async function refreshConfigLists(context: {
  store: Store;
  client: HubsoftClient;
  connectivity: ConnectivitySignal;
  signal: AbortSignal;
}): Promise<ConfigListFailure[]> {
  const { store, client, connectivity, signal } = context;
  const failures: ConfigListFailure[] = [];
  for (const name of configListNames) {
    try {
      const items = await callWhenOnline(connectivity, signal, (callSignal) =>
        client.getConfigList(name, { signal: callSignal }),
      );
      await store.setConfigList(name, items);
    } catch (error) {
      if (!isHubsoftError(error) || !skippable.has(error.kind)) throw error;
      failures.push({
        list: name,
        endpoint: `GET /api/v1/integracao/configuracao/${configListSources[name].path}`,
        field: error.details.field ?? null,
        message: error.message,
      });
    }
  }
  return failures;
}
