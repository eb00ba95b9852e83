/**
 * A signed-in workspace for outbox tests: the simulator over real HTTP on 127.0.0.1, a real
 * SQLite file in a temp dir behind the store worker, the real client, connectivity and sender.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventHub } from '../../../main/api/events';
import type { CurrentWorkspace, Workspace } from '../../../main/api/workspace';
import { HubsoftClient } from '../../../main/hubsoft/client';
import type { RateLimit } from '../../../main/hubsoft/rate-limit';
import type { StoredTokens, TokenStore } from '../../../main/hubsoft/session-types';
import type { OutboxLog } from '../../../main/outbox/attempt-log';
import { createOutboxSender, type OutboxSender } from '../../../main/outbox/sender';
import type { RetryTiming } from '../../../main/outbox/retry-policy';
import { DEMO_ACCOUNT } from '../../../main/sim/demo-account';
import type { TicketRecord } from '../../../main/sim/records';
import type { RunningSimulator } from '../../../main/sim/server';
import { openStore, type Store } from '../../../main/store/client';
import type { OutboxAction } from '../../../main/store/types';
import { createConnectivity, httpProbe, type Connectivity } from '../../../main/sync/connectivity';
import { createSyncEngine } from '../../../main/sync/engine';
import type { EventName, Events } from '../../../preload/contract';

export class MemoryTokens implements TokenStore {
  private tokens: StoredTokens | null = null;
  load(): Promise<StoredTokens | null> {
    return Promise.resolve(this.tokens);
  }
  save(tokens: StoredTokens): Promise<void> {
    this.tokens = tokens;
    return Promise.resolve();
  }
  clear(): Promise<void> {
    this.tokens = null;
    return Promise.resolve();
  }
}

export interface ClientOptions {
  tokenStore?: TokenStore;
  timeoutMs?: number;
  uploadTimeoutMs?: number;
  rateLimit?: RateLimit;
}

export function simClient(url: string, options: ClientOptions = {}): HubsoftClient {
  return new HubsoftClient({
    credentials: { baseUrl: url, ...DEMO_ACCOUNT },
    tokenStore: options.tokenStore ?? new MemoryTokens(),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.uploadTimeoutMs ? { uploadTimeoutMs: options.uploadTimeoutMs } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
}

/** Fast retries, so a test waits milliseconds where the app waits seconds. */
export const testRetry: Partial<RetryTiming> = { baseMs: 100, maxMs: 1_000, authWaitMs: 300 };

export interface SeenEvent {
  name: EventName;
  payload: Events[EventName];
}

export interface Harness {
  sim: RunningSimulator;
  dir: string;
  stagingDir: string;
  store: Store;
  client: HubsoftClient;
  connectivity: Connectivity;
  events: EventHub;
  seen: SeenEvent[];
  sender: OutboxSender;
  current: CurrentWorkspace;
  close(): Promise<void>;
}

export interface HarnessOptions extends ClientOptions {
  concurrency?: number;
  /** The sender's clock. */
  now?: () => Date;
  log?: OutboxLog;
  /** Where the app reaches HubSoft, when a proxy stands in front of the simulator. */
  serverUrl?: string;
}

export async function startHarness(
  sim: RunningSimulator,
  options: HarnessOptions = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-outbox-'));
  const stagingDir = join(dir, 'staging');
  const store = await openStore({ file: join(dir, 'profile.sqlite') });
  const serverUrl = options.serverUrl ?? sim.url;
  const client = simClient(serverUrl, options);
  const connectivity = createConnectivity({
    probe: httpProbe(serverUrl),
    probeBackoff: { baseMs: 50, maxMs: 400, timeoutMs: 1_000 },
  });
  const events = new EventHub();
  const seen: SeenEvent[] = [];
  events.subscribe((name, payload) => seen.push({ name, payload }));
  const sender = createOutboxSender({
    store,
    client,
    events,
    connectivity,
    stagingDir,
    concurrency: options.concurrency ?? 4,
    retry: testRetry,
    ...(options.now ? { now: options.now } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const workspace: Workspace = {
    profile: {
      id: 'teste',
      userId: null,
      baseUrl: serverUrl,
      username: DEMO_ACCOUNT.username,
      clientId: DEMO_ACCOUNT.clientId,
      demo: false,
      lastUsedAt: null,
      cacheFile: join(dir, 'profile.sqlite'),
      stagingDir,
    },
    store,
    client,
    connectivity,
    sync: createSyncEngine({ store, client, events, connectivity, profile: { id: 'teste' } }),
    outbox: sender,
  };
  return {
    sim,
    dir,
    stagingDir,
    store,
    client,
    connectivity,
    events,
    seen,
    sender,
    current: () => workspace,
    async close() {
      await sender.stop();
      connectivity.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Open tickets the server can take replies, updates and closes on (no order in execution). */
export function workableTickets(sim: RunningSimulator, count: number): TicketRecord[] {
  const open = sim
    .state()
    .filter(
      (ticket) =>
        ticket.closedAt === null &&
        !ticket.draft &&
        ticket.serviceOrders.every((order) => order.status !== 'em_execucao'),
    );
  if (open.length < count) throw new Error(`the simulator has only ${open.length} open tickets`);
  return open.slice(0, count);
}

/** Puts tickets in the cache the way opening them does: full detail from the server. */
export async function cacheTickets(
  store: Store,
  client: HubsoftClient,
  protocols: string[],
): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const protocol of protocols) {
    const stored = await store.upsertTicketDetail(await client.getTicket(protocol));
    keys.set(protocol, stored.key);
  }
  return keys;
}

/** Polls until `done` holds; fails with `describe()` after `timeoutMs`. */
export async function waitFor(
  done: () => Promise<boolean> | boolean,
  timeoutMs: number,
  describe: () => Promise<string> | string = () => 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Queued actions that can still move: not held behind a failed or needs-attention action of their
 * ticket (those wait for the agent, so the queue behind them does too).
 */
export async function movable(store: Store): Promise<OutboxAction[]> {
  const actions = await store.listActions({
    states: ['queued', 'sending', 'failed', 'needs_attention'],
  });
  const held = new Set(
    actions
      .filter((a) => a.state === 'failed' || a.state === 'needs_attention')
      .map((a) => a.ticketKey),
  );
  return actions.filter(
    (a) => a.state === 'sending' || (a.state === 'queued' && !held.has(a.ticketKey)),
  );
}

/** Waits until nothing can move any more, and answers every action. */
export async function settled(store: Store, timeoutMs: number): Promise<OutboxAction[]> {
  await waitFor(
    async () => (await movable(store)).length === 0,
    timeoutMs,
    async () => `the outbox to settle (${(await movable(store)).length} still moving)`,
  );
  return store.listActions();
}

/** How many times each text appears among the server's messages, over the changed tickets. */
export function messageCounts(sim: RunningSimulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ticket of sim.state({ only: 'changed' })) {
    for (const message of ticket.messages) {
      counts.set(message.text, (counts.get(message.text) ?? 0) + 1);
    }
  }
  return counts;
}
