/** Attachment uploads under way, by outbox action: fed by the `upload` event. */
import { SvelteMap } from 'svelte/reactivity';
import { hubdesk } from '../hubdesk';

export interface UploadState {
  sentBytes: number;
  totalBytes: number | null;
}

class UploadsStore {
  readonly byAction = new SvelteMap<number, UploadState>();

  start(): () => void {
    return hubdesk().on('upload', ({ actionId, sentBytes, totalBytes }) => {
      this.byAction.set(actionId, { sentBytes, totalBytes });
    });
  }
}

export const uploads = new UploadsStore();
