/** HubSoft's configuration lists (types, statuses, closing reasons...), cached by main. */
import type { ConfigLists } from '../../../../preload/types';
import { hubdesk } from '../hubdesk';
import { errorMessage } from '../hubdesk-call';

class ConfigStore {
  lists = $state.raw<ConfigLists | null>(null);
  error = $state<string | null>(null);

  /** The lists arrive with the first sync after sign-in, and again daily: main says when. */
  start(): () => void {
    void this.load();
    return hubdesk().on('config', () => void this.load());
  }

  async load(): Promise<void> {
    try {
      this.lists = await hubdesk().config.get();
      this.error = null;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }
}

export const config = new ConfigStore();
