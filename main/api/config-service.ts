/** The `config` area: the cached configuration lists, empty until the first sync fetched them. */
import type { Services } from '../../preload/contract';
import type { ConfigLists } from '../../preload/types';
import type { ConfigItem, ConfigListName } from '../hubsoft/model';
import { configListNames } from '../sync/config-refresh';
import type { Workspace } from './workspace';

/** Only what this area uses of the workspace: `CurrentWorkspace` fits. */
type ConfigWorkspace = Pick<Workspace, 'store'>;

export function createConfigService(current: () => ConfigWorkspace): Services['config'] {
  return {
    get: async (): Promise<ConfigLists> => {
      const { store } = current();
      const stored = await Promise.all(configListNames.map((name) => store.getConfigList(name)));
      const lists = Object.fromEntries(
        configListNames.map((name, index) => [name, stored[index]?.items ?? []]),
      ) as Record<ConfigListName, ConfigItem[]>;
      // The oldest copy says how fresh the whole set is.
      const times = stored.flatMap((list) => (list ? [list.fetchedAt] : []));
      const fetchedAt = times.length > 0 ? times.reduce((a, b) => (a < b ? a : b)) : null;
      return { ...lists, fetchedAt };
    },
  };
}
