/** The queue of actions waiting for the server, and its counts in the window title. */
import type { OutboxAction, OutboxCounts } from '../../../../preload/types';
import { hubdesk } from '../hubdesk';
import { errorMessage } from '../hubdesk-call';

const emptyCounts: OutboxCounts = { queued: 0, sending: 0, failed: 0, needsAttention: 0 };

function countsOf(actions: readonly OutboxAction[]): OutboxCounts {
  const counts = { ...emptyCounts };
  for (const action of actions) {
    if (action.state === 'queued') counts.queued++;
    else if (action.state === 'sending') counts.sending++;
    else if (action.state === 'failed') counts.failed++;
    else if (action.state === 'needs_attention') counts.needsAttention++;
  }
  return counts;
}

class OutboxStore {
  counts = $state.raw<OutboxCounts>(emptyCounts);
  actions = $state.raw<OutboxAction[]>([]);
  error = $state<string | null>(null);

  get waiting(): number {
    const { queued, sending, failed, needsAttention } = this.counts;
    return queued + sending + failed + needsAttention;
  }

  get troubled(): number {
    return this.counts.failed + this.counts.needsAttention;
  }

  start(): () => void {
    const off = hubdesk().on('outbox', (counts) => {
      this.counts = counts;
      void this.load();
    });
    void this.load();
    return off;
  }

  async load(): Promise<void> {
    try {
      const actions = await hubdesk().outbox.list();
      this.actions = actions;
      this.counts = countsOf(actions);
      this.error = null;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  /** Runs one outbox operation; resolves with the agent-facing problem or null. */
  async act(operation: () => Promise<OutboxAction>): Promise<string | null> {
    try {
      await operation();
      await this.load();
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }

  retry(id: number): Promise<string | null> {
    return this.act(() => hubdesk().outbox.retry(id));
  }

  edit(id: number, text: string): Promise<string | null> {
    return this.act(() => hubdesk().outbox.edit(id, { text }));
  }

  discard(id: number): Promise<string | null> {
    return this.act(() => hubdesk().outbox.discard(id));
  }
}

export const outbox = new OutboxStore();
