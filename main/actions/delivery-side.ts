/**
 * The part of an action kind that runs in the main process: how it is sent to HubSoft and how
 * its outcome is read back when the answer was lost. `deliver` (main/outbox/deliver.ts) runs the
 * same steps for every kind and knows none of them.
 */
import type { HubsoftClient } from '../hubsoft/client';
import type { HubsoftError } from '../hubsoft/errors';
import type { OutboxLog } from '../outbox/attempt-log';
import type { RetryTiming } from '../outbox/retry-policy';
import type { Store } from '../store/client';
import type { ActionKind, SentOutcome } from '../store/types';
import type { ConnectivitySignal } from '../sync/connectivity-signal';
import type { ReadBackDeps, ReadBackVerdict } from './read-back';
import type { ActionOf } from './store-side';

export interface UploadProgressEvent {
  actionId: number;
  ticketKey: string;
  sentBytes: number;
  totalBytes: number | null;
}

export interface DeliveryContext {
  store: Store;
  client: HubsoftClient;
  connectivity: ConnectivitySignal;
  stagingDir: string;
  timing: RetryTiming;
  now: () => Date;
  random: () => number;
  /** Aborted when the sender stops. */
  signal: AbortSignal;
  /** The action's ticket changed in a way the UI shows. */
  changed(keys: string[]): void;
  /** A retry was scheduled for this moment (ISO 8601). */
  retryAt(iso: string): void;
  progress(event: UploadProgressEvent): void;
  log: OutboxLog;
}

export interface DeliverySide<K extends ActionKind> {
  /** Whether it acts on a ticket the server already has (everything but opening one). */
  needsServerTicket: boolean;
  /** One request to HubSoft; throws what the client throws. */
  send(action: ActionOf<K>, ctx: DeliveryContext): Promise<SentOutcome>;
  /** What the server shows now: applied, proven missing, or not provable either way. */
  readBack(action: ActionOf<K>, deps: ReadBackDeps): Promise<ReadBackVerdict>;
  /**
   * A refusal hidden in a failure whose outcome is unknown (a close answered 5xx with HubSoft's
   * reason, fact 15): shown to the agent if the read-back then finds nothing applied.
   */
  refusalIn?(error: unknown): HubsoftError | null;
  /** After the store recorded it sent: tidies what sending it left behind. */
  afterSent?(action: ActionOf<K>, ctx: DeliveryContext): Promise<void>;
}
