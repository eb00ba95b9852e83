/** The configuration lists (statuses, types, closing reasons, ...) copied into the cache. */
import type { ConfigListFailure } from '../../preload/types';
import { isHubsoftError, type HubsoftErrorKind } from '../hubsoft/errors';
import type { HubsoftClient } from '../hubsoft/client';
import type { ConfigListName } from '../hubsoft/model';
import { configListSources } from '../hubsoft/parse/config';
import type { Store } from '../store/client';
import type { ConnectivitySignal } from './connectivity-signal';
import { callWhenOnline } from './remote-call';
import { failureFields, silentLog, type SyncLog } from './sync-log';

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
  log?: SyncLog;
}): Promise<ConfigListFailure[]> {
  const { store, client, connectivity, signal } = context;
  const log = context.log ?? silentLog;
  const failures: ConfigListFailure[] = [];
  for (const name of configListNames) {
    try {
      const items = await callWhenOnline(connectivity, signal, (callSignal) =>
        client.getConfigList(name, { signal: callSignal }),
      );
      await store.setConfigList(name, items);
    } catch (error) {
      if (!isHubsoftError(error) || !skippable.has(error.kind)) throw error;
      const failure: ConfigListFailure = {
        list: name,
        endpoint: `GET /api/v1/integracao/configuracao/${configListSources[name].path}`,
        field: error.details.field ?? null,
        message: error.message,
      };
      failures.push(failure);
      // Where it failed and how, not the message: a parse problem may quote what the server sent.
      log.warn(
        {
          event: 'config_list',
          list: failure.list,
          endpoint: failure.endpoint,
          field: failure.field,
          ...failureFields(error),
        },
        'sync config list failed',
      );
    }
  }
  return failures;
}
