/**
 * The open ticket: read from the cache at once, refreshed from the server in the background, and
 * read again whenever main says it changed.
 */
import type { z } from 'zod';
import type { closeInput, updateInput } from '../../../../preload/schemas';
import type { OutboxAction, Ticket } from '../../../../preload/types';
import { hubdesk } from '../hubdesk';
import { errorMessage } from '../hubdesk-call';

export type UpdateFields = z.input<typeof updateInput>;
export type CloseFields = z.input<typeof closeInput>;

export class TicketView {
  ticket = $state.raw<Ticket | null>(null);
  error = $state<string | null>(null);
  refreshing = $state(false);
  /** The refresh on opening has ended (fetched or failed): what shows now is what was there. */
  refreshed = $state(false);
  /** Why the background refresh failed (offline...); the cached copy is still shown. */
  refreshError = $state<string | null>(null);

  constructor(readonly key: string) {}

  start(): () => void {
    const off = hubdesk().on('tickets', ({ keys }) => {
      if (keys === 'all' || keys.includes(this.key)) void this.read();
    });
    void this.read().then(() => this.refresh());
    return off;
  }

  private async read(): Promise<void> {
    try {
      this.ticket = await hubdesk().tickets.get(this.key);
      this.error = null;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  async refresh(): Promise<void> {
    this.refreshing = true;
    try {
      this.ticket = await hubdesk().tickets.refresh(this.key);
      this.refreshError = null;
      this.error = null;
    } catch (error) {
      this.refreshError = errorMessage(error);
    } finally {
      this.refreshing = false;
      this.refreshed = true;
    }
  }

  /** Queues an action; resolves with the agent-facing problem, or null once it is queued. */
  private async queue(action: () => Promise<OutboxAction>): Promise<string | null> {
    try {
      await action();
      await this.read();
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }

  /**
   * The reply box's Send: text and files go as one unit (both queued or neither), so a failure
   * leaves the text in the box with nothing queued, and sending again cannot queue it twice.
   */
  send(text: string, stagedIds: string[]): Promise<string | null> {
    if (!text.trim()) return stagedIds.length > 0 ? this.attach(stagedIds) : Promise.resolve(null);
    return this.queue(() =>
      stagedIds.length > 0
        ? hubdesk().actions.reply(this.key, text, stagedIds)
        : hubdesk().actions.reply(this.key, text),
    );
  }

  update(fields: UpdateFields): Promise<string | null> {
    return this.queue(() => hubdesk().actions.update(this.key, fields));
  }

  close(fields: CloseFields): Promise<string | null> {
    return this.queue(() => hubdesk().actions.close(this.key, fields));
  }

  attach(stagedIds: string[]): Promise<string | null> {
    return this.queue(() => hubdesk().actions.attach(this.key, stagedIds));
  }
}
