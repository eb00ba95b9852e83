/** The `sync` area: a run on demand, and where sync stands. */
import type { Services } from '../../preload/contract';
import type { Workspace } from './workspace';

/** Only what this area uses of the workspace: `CurrentWorkspace` fits. */
type SyncWorkspace = Pick<Workspace, 'sync'>;

export function createSyncService(current: () => SyncWorkspace): Services['sync'] {
  return {
    now: () => current().sync.runNow(),
    status: () => current().sync.status(),
    setWindow: async (days) => {
      const { sync } = current();
      await sync.setWindowDays(days);
      return sync.status();
    },
  };
}
