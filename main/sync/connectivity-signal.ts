/**
 * Online or offline, judged from real request outcomes (plus the OS hint), never from
 * `navigator.onLine` alone. The sync engine and the outbox both read and feed it.
 */
export interface ConnectivitySignal {
  readonly online: boolean;
  /** Every HubSoft request outcome moves the judgement: a network failure, or an answer. */
  report(outcome: 'reachable' | 'unreachable'): void;
  /** Resolves at once when online, else when the server is reachable again (or rejects on abort). */
  whenOnline(signal?: AbortSignal): Promise<void>;
  onChange(listener: (online: boolean) => void): () => void;
}
