/** The configuration lists (statuses, types, closing reasons, ...) copied into the cache. */
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
 * its cached copy; the other lists still refresh.
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
}): Promise<void> {
  const { store, client, connectivity, signal } = context;
  for (const name of configListNames) {
    try {
      const items = await callWhenOnline(connectivity, signal, (callSignal) =>
        client.getConfigList(name, { signal: callSignal }),
      );
      await store.setConfigList(name, items);
    } catch (error) {
      if (!isHubsoftError(error) || !skippable.has(error.kind)) throw error;
    }
  }
}
