/** Online or offline, and how the sync is going: fed by the `sync` and `connectivity` events. */
import type { SyncStatus } from '../../../../preload/types';
import { hubdesk } from '../hubdesk';
import { errorMessage } from '../hubdesk-call';

class SyncStore {
  status = $state.raw<SyncStatus | null>(null);
  online = $state(true);
  error = $state<string | null>(null);

  start(): () => void {
    const offSync = hubdesk().on('sync', (status) => {
      this.status = status;
      this.online = status.online;
    });
    const offConnectivity = hubdesk().on('connectivity', ({ online }) => (this.online = online));
    void this.load();
    return () => {
      offSync();
      offConnectivity();
    };
  }

  async load(): Promise<void> {
    try {
      const status = await hubdesk().sync.status();
      this.status = status;
      this.online = status.online;
      this.error = null;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  async setWindow(days: number): Promise<void> {
    try {
      this.error = null;
      this.status = await hubdesk().sync.setWindow(days);
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  async syncNow(): Promise<void> {
    try {
      this.error = null;
      this.status = await hubdesk().sync.now();
    } catch (error) {
      this.error = errorMessage(error);
    }
  }
}

export const sync = new SyncStore();
